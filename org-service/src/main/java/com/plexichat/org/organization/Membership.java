package com.plexichat.org.organization;

import com.plexichat.platform.api.persistence.AssignedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A user's membership of an organization ({@code member}: "member" is a word of JPQL, so the entity is not). */
@Entity
@Table(name = "member")
@IdClass(Membership.Key.class)
class Membership extends AssignedId<Membership.Key> {

    record Key(UUID organizationId, UUID userId) implements Serializable {}

    @Id
    private UUID organizationId;

    @Id
    private UUID userId;

    private String role;
    private Instant joinedAt;

    protected Membership() {}

    Membership(UUID organizationId, UUID userId, String role, Instant joinedAt) {
        this.organizationId = organizationId;
        this.userId = userId;
        this.role = role;
        this.joinedAt = joinedAt;
    }

    @Override
    public Key getId() {
        return new Key(organizationId, userId);
    }

    UUID userId() {
        return userId;
    }

    String role() {
        return role;
    }

    Instant joinedAt() {
        return joinedAt;
    }
}
