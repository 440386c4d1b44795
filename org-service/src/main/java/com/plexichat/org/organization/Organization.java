package com.plexichat.org.organization;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An organization's row. Ids are made here, so {@link Persistable} tells Spring Data a new one from a loaded one
 * (saving a new row is one insert, not a select and then an insert).
 */
@Entity
class Organization implements Persistable<UUID> {

    @Id
    private UUID id;

    private String name;
    private String slug;
    private String description;
    private UUID ownerId;
    private Instant createdAt;
    private Instant updatedAt;

    @Transient
    private boolean stored;

    protected Organization() {}

    Organization(UUID id, String name, String slug, String description, UUID ownerId, Instant now) {
        this.id = id;
        this.name = name;
        this.slug = slug;
        this.description = description;
        this.ownerId = ownerId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void change(String name, String slug, String description, Instant now) {
        this.name = name;
        this.slug = slug;
        this.description = description;
        this.updatedAt = now;
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

    String name() {
        return name;
    }

    String slug() {
        return slug;
    }

    String description() {
        return description;
    }

    UUID ownerId() {
        return ownerId;
    }

    Instant createdAt() {
        return createdAt;
    }
}
