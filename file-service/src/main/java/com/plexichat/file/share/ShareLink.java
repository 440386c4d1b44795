package com.plexichat.file.share;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A link that serves one file without a token until it expires or is revoked. */
@Entity
@Table(name = "share_link")
class ShareLink {

    @Id
    private UUID id;

    private UUID fileId;
    private UUID createdBy;
    private Instant expiresAt;
    private Instant revokedAt;
    private Instant createdAt;

    protected ShareLink() {}

    ShareLink(UUID id, UUID fileId, UUID createdBy, Instant expiresAt, Instant createdAt) {
        this.id = id;
        this.fileId = fileId;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    UUID fileId() {
        return fileId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
