package com.plexichat.messaging.message;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mentions in a message's text: {@code @username} (usernames are 3-32 of {@code a-z0-9._-}) and
 * {@code @channel}. An {@code @} inside a word (an e-mail address) is not a mention; a sentence's full
 * stop after a name is not part of it.
 */
record Mentions(List<String> usernames, boolean channel) {

    static final String CHANNEL = "channel";

    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}._@-])@([a-z0-9._-]{3,32})");

    static Mentions in(String content) {
        Set<String> names = new LinkedHashSet<>();
        boolean channel = false;
        Matcher matcher = MENTION.matcher(content);
        while (matcher.find()) {
            String name = matcher.group(1).replaceAll("[.]+$", "");
            if (name.equals(CHANNEL)) {
                channel = true;
            } else if (name.length() >= 3) {
                names.add(name);
            }
        }
        return new Mentions(List.copyOf(names), channel);
    }

    /** As the event and the message show them: usernames, then {@code channel}. */
    List<String> all() {
        if (!channel) {
            return usernames;
        }
        List<String> all = new java.util.ArrayList<>(usernames);
        all.add(CHANNEL);
        return List.copyOf(all);
    }
}
