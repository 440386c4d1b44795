package com.plexichat.platform.events.auth;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A new account exists (Keycloak user created by auth-service). user-service creates the user's
 * profile from it; the user id is the Keycloak subject and the key of every later user event.
 *
 * @param userId the new user's id
 * @param username lower-case, unique, immutable
 * @param email as registered (not yet verified)
 * @param displayName what others see; the username when none was given
 * @param registeredAt when the account was created
 */
public record UserRegistered(UUID userId, String username, String email, String displayName, Instant registeredAt) {

    public static final EventType<UserRegistered> TYPE =
            new EventType<>("user.registered", Topics.USERS, UserRegistered.class, Set.of("auth-service"));
}
