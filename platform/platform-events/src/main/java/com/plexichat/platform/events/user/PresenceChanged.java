package com.plexichat.platform.events.user;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user's presence as others should now show it. Published by user-service at most once a second
 * per user (the latest state wins); messaging-service forwards it to the user's contacts' sockets.
 *
 * @param status online, away, dnd or offline
 * @param customText the user's status text, null when none
 * @param customEmoji the user's status emoji, null when none
 * @param expiresAt when a manual status (and its text) ends, null when it does not
 * @param lastActiveAt the last time the user was seen active, null when never
 * @param changedAt when this state was reached
 */
public record PresenceChanged(
        UUID userId,
        String status,
        String customText,
        String customEmoji,
        Instant expiresAt,
        Instant lastActiveAt,
        Instant changedAt) {

    public static final EventType<PresenceChanged> TYPE =
            new EventType<>("user.presence-changed", Topics.USERS, PresenceChanged.class, Set.of("user-service"));
}
