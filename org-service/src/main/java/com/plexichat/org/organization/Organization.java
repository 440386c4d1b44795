package com.plexichat.org.organization;

import com.plexichat.platform.api.persistence.AssignedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization's row. Ids are made here, so {@link AssignedId} tells Spring Data a new one from a loaded one
 * (saving a new row is one insert, not a select and then an insert).
 */
@Entity
class Organization extends AssignedId<UUID> {

    @Id
    private UUID id;

    private String name;
    private String slug;
    private String description;
    private UUID ownerId;
    private Instant createdAt;
    private Instant updatedAt;

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
