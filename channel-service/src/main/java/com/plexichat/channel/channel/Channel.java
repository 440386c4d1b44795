package com.plexichat.channel.channel;

import java.time.Instant;
import java.util.UUID;

/** A channel of an organization. */
public record Channel(
        UUID id,
        UUID organizationId,
        String name,
        String topic,
        String type,
        boolean archived,
        UUID createdBy,
        long memberCount,
        Instant createdAt,
        Instant updatedAt) {

    public boolean isPrivate() {
        return "private".equals(type);
    }
}
