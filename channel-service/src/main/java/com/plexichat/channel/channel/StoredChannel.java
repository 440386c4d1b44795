package com.plexichat.channel.channel;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** A channel's row. Ids are made here: {@link Persistable} saves a new one with one insert, no select first. */
@Entity
@Table(name = "channel")
class StoredChannel implements Persistable<UUID> {

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

    @Transient
    private boolean stored;

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

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    void stored() {
        stored = true;
    }
}
