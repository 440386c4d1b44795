package com.plexichat.file.file;

import com.plexichat.file.file.FileService.FileView;
import com.plexichat.file.file.FileService.Limits;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What /v1/files answers (API-CONVENTIONS "Core resources": File). */
public final class FileRecords {

    private FileRecords() {}

    /**
     * @param conversationId the conversation it was uploaded for, if any
     * @param thumbnailStatus {@code pending}, {@code ready}, {@code none} (not an image), {@code too_large} or
     *     {@code failed}
     */
    public record FileResponse(
            UUID id,
            UUID ownerId,
            String name,
            String contentType,
            long size,
            String sha256,
            boolean hasThumbnail,
            String thumbnailStatus,
            UUID conversationId,
            Instant createdAt) {

        public static FileResponse of(FileView file) {
            return new FileResponse(
                    file.id(),
                    file.ownerId(),
                    file.name(),
                    file.contentType(),
                    file.size(),
                    file.sha256(),
                    file.hasThumbnail(),
                    file.thumbnailStatus(),
                    file.conversationId(),
                    file.createdAt());
        }
    }

    record LimitsResponse(
            long maxUploadBytes,
            long partSizeBytes,
            List<String> blockedTypes,
            long quotaBytes,
            long usedBytes,
            long shareMaxTtlSeconds) {

        static LimitsResponse of(Limits limits) {
            return new LimitsResponse(
                    limits.maxUploadBytes(),
                    limits.partSizeBytes(),
                    limits.blockedTypes(),
                    limits.quotaBytes(),
                    limits.usedBytes(),
                    limits.shareMaxTtlSeconds());
        }
    }

    /** For another service: the file's owner and whether the user asked about may read it. */
    record FileAccessResponse(UUID fileId, UUID ownerId, UUID userId, boolean readable) {}
}
