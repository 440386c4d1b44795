package com.plexichat.platform.events.admin;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An administrator created an API key (never the key, nor its hash): for the audit log.
 *
 * @param prefix what people recognise the key by
 * @param createdBy the administrator (or the admin-scoped key) that created it
 */
public record ApiKeyCreated(
        UUID keyId,
        String name,
        String prefix,
        List<String> scopes,
        UUID organizationId,
        Instant expiresAt,
        UUID createdBy,
        Instant createdAt) {

    public static final EventType<ApiKeyCreated> TYPE =
            new EventType<>("api-key.created", Topics.ADMIN, ApiKeyCreated.class, Set.of("admin-service"));
}
