package com.plexichat.channel.channel;

import com.plexichat.platform.api.persistence.AssignedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A channel's row. Ids are made here: {@link AssignedId} saves a new one with one insert, no select first. */
@Entity
@Table(name = "channel")
class StoredChannel extends AssignedId<UUID> {

    @Id
    private UUID id;

    private UUID organizationId;
    private String name;
    private String type;
    private String topic;
    private boolean archived;
    private UUID createdBy;
    private Instant createdAt;
    private Instant updatedAt;

    protected StoredChannel() {}

    StoredChannel(UUID id, UUID organizationId, String name, String type, String topic, UUID createdBy, Instant now) {
        this.id = id;
        this.organizationId = organizationId;
        this.name = name;
        this.type = type;
        this.topic = topic;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void change(String name, String topic, boolean archived, Instant now) {
        this.name = name;
        this.topic = topic;
        this.archived = archived;
        this.updatedAt = now;
    }

    Channel toChannel(long memberCount) {
        return new Channel(
                id, organizationId, name, topic, type, archived, createdBy, memberCount, createdAt, updatedAt);
    }

    @Override
    public UUID getId() {
        return id;
    }
}
