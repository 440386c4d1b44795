package com.plexichat.channel.channel;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the roles of a channel may do. Each channel has a table role -> permissions, starting from the
 * defaults of its type; the {@code admin} role always has every permission, so a channel can never be
 * left without someone who manages it.
 */
public final class Permissions {

    public static final String POST_MESSAGES = "post_messages";
    public static final String ADD_REACTIONS = "add_reactions";
    public static final String UPLOAD_FILES = "upload_files";
    public static final String MANAGE_MEMBERS = "manage_members";
    public static final String MANAGE_CHANNEL = "manage_channel";
    public static final String PIN_MESSAGES = "pin_messages";
    public static final String START_CALLS = "start_calls";
    /** Joining a voice channel's voice (call-service). */
    public static final String JOIN_VOICE = "join_voice";

    /** In a stable order: responses and events list permissions in this order. */
    public static final List<String> ALL = List.of(
            POST_MESSAGES,
            ADD_REACTIONS,
            UPLOAD_FILES,
            MANAGE_MEMBERS,
            MANAGE_CHANNEL,
            PIN_MESSAGES,
            START_CALLS,
            JOIN_VOICE);

    /** What an archived channel still allows: it is read-only, but can be managed (and unarchived). */
    public static final Set<String> WHILE_ARCHIVED = Set.of(MANAGE_MEMBERS, MANAGE_CHANNEL);

    /** Organization owners and admins manage every channel of their organization, member or not. */
    public static final Set<String> ORGANIZATION_ADMINS = Set.of(MANAGE_MEMBERS, MANAGE_CHANNEL);

    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String GUEST = "guest";
    public static final List<String> ROLES = List.of(ADMIN, MEMBER, GUEST);

    private Permissions() {}

    public static Map<String, List<String>> defaults(String channelType) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put(ADMIN, ALL);
        if ("voice".equals(channelType)) {
            roles.put(MEMBER, List.of(POST_MESSAGES, ADD_REACTIONS, START_CALLS, JOIN_VOICE));
            roles.put(GUEST, List.of(START_CALLS, JOIN_VOICE));
        } else {
            roles.put(MEMBER, List.of(POST_MESSAGES, ADD_REACTIONS, UPLOAD_FILES, PIN_MESSAGES, START_CALLS));
            roles.put(GUEST, List.of(POST_MESSAGES, ADD_REACTIONS));
        }
        return roles;
    }

    /** The given permissions in {@link #ALL}'s order, without repeats. */
    public static List<String> ordered(Iterable<String> permissions) {
        Set<String> given = new LinkedHashSet<>();
        permissions.forEach(given::add);
        return ALL.stream().filter(given::contains).toList();
    }
}
