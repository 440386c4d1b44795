package com.plexichat.admin.apikey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An API key: never the key, only its SHA-256 and the prefix people recognise it by. */
@Entity
@Table(name = "api_key")
class ApiKey {

    @Id
    private UUID id;

    private String prefix;
    private String name;
    private String secretHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] scopes;

    private UUID organizationId;
    private UUID createdBy;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant revokedAt;
    private Instant lastUsedAt;

    protected ApiKey() {}

    ApiKey(
            UUID id,
            String prefix,
            String name,
            String secretHash,
            List<String> scopes,
            UUID organizationId,
            UUID createdBy,
            Instant createdAt,
            Instant expiresAt) {
        this.id = id;
        this.prefix = prefix;
        this.name = name;
        this.secretHash = secretHash;
        this.scopes = scopes.toArray(String[]::new);
        this.organizationId = organizationId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    UUID id() {
        return id;
    }

    String prefix() {
        return prefix;
    }

    String name() {
        return name;
    }

    List<String> scopes() {
        return List.of(scopes);
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
