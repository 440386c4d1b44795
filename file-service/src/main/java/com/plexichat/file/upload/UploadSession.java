package com.plexichat.file.upload;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A resumable upload: an S3 multipart upload the client fills part by part, then completes. */
@Entity
@Table(name = "upload_session")
class UploadSession {

    @Id
    private UUID id;

    private UUID ownerId;
    private UUID fileId;
    private String objectKey;
    private String s3UploadId;
    private String name;
    private long size;
    private long partSize;
    private UUID conversationId;
    private Instant expiresAt;
    private Instant createdAt;

    protected UploadSession() {}

    UploadSession(
            UUID id,
            UUID ownerId,
            UUID fileId,
            String objectKey,
            String s3UploadId,
            String name,
            long size,
            long partSize,
            UUID conversationId,
            Instant expiresAt,
            Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.fileId = fileId;
        this.objectKey = objectKey;
        this.s3UploadId = s3UploadId;
        this.name = name;
        this.size = size;
        this.partSize = partSize;
        this.conversationId = conversationId;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    UUID ownerId() {
        return ownerId;
    }

    UUID fileId() {
        return fileId;
    }

    String objectKey() {
        return objectKey;
    }

    String s3UploadId() {
        return s3UploadId;
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    long partSize() {
        return partSize;
    }

    UUID conversationId() {
        return conversationId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    int partCount() {
        return (int) ((size + partSize - 1) / partSize);
    }

    /** Every part is {@code part_size} bytes but the last, which holds the rest. */
    long partLength(int number) {
        return number < partCount() ? partSize : size - (long) (partCount() - 1) * partSize;
    }
}
