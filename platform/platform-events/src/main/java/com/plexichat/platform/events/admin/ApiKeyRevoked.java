package com.plexichat.platform.events.admin;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key was revoked: the gateway refuses it within seconds, whatever its caches hold.
 *
 * @param keyId the id of the key (never the key itself)
 * @param revokedAt when it was revoked
 * @param revokedBy who revoked it (null in events from before the field)
 */
public record ApiKeyRevoked(UUID keyId, Instant revokedAt, UUID revokedBy) {

    public static final EventType<ApiKeyRevoked> TYPE =
            new EventType<>("api-key.revoked", Topics.ADMIN, ApiKeyRevoked.class, Set.of("admin-service"));

    public ApiKeyRevoked(UUID keyId, Instant revokedAt) {
        this(keyId, revokedAt, null);
    }
}
