package com.plexichat.file.file;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored file's metadata row; it exists only once the object is complete in S3. */
@Entity
@Table(name = "stored_file")
class StoredFile {

    static final String THUMBNAIL_PENDING = "pending";
    static final String THUMBNAIL_READY = "ready";
    static final String THUMBNAIL_NONE = "none";

    @Id
    private UUID id;

    private UUID ownerId;
    private String name;
    private String contentType;
    private long size;
    private String sha256;
    private String objectKey;
    private UUID conversationId;
    private String thumbnailStatus;
    private String thumbnailKey;
    private Instant createdAt;

    protected StoredFile() {}

    StoredFile(
            UUID id,
            UUID ownerId,
            String name,
            String contentType,
            long size,
            String sha256,
            String objectKey,
            UUID conversationId,
            String thumbnailStatus,
            Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.name = name;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.objectKey = objectKey;
        this.conversationId = conversationId;
        this.thumbnailStatus = thumbnailStatus;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    UUID ownerId() {
        return ownerId;
    }

    String name() {
        return name;
    }

    String contentType() {
        return contentType;
    }

    long size() {
        return size;
    }

    String sha256() {
        return sha256;
    }

    String objectKey() {
        return objectKey;
    }

    UUID conversationId() {
        return conversationId;
    }

    String thumbnailStatus() {
        return thumbnailStatus;
    }

    String thumbnailKey() {
        return thumbnailKey;
    }

    Instant createdAt() {
        return createdAt;
    }
}
