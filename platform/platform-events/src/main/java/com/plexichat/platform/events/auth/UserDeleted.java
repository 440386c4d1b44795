package com.plexichat.platform.events.auth;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An account is gone: its credentials were removed from Keycloak and its sessions ended. Other
 * services remove or anonymise what belongs to the user.
 *
 * @param userId the deleted user's id
 * @param deletedAt when the account was deleted
 */
public record UserDeleted(UUID userId, Instant deletedAt) {

    public static final EventType<UserDeleted> TYPE =
            new EventType<>("user.deleted", Topics.USERS, UserDeleted.class, Set.of("auth-service"));
}
