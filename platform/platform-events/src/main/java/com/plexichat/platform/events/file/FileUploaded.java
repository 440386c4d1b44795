package com.plexichat.platform.events.file;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A file is stored (its object complete and its metadata recorded), keyed by the file.
 *
 * @param contentType as detected from the bytes
 * @param conversationId the conversation it was uploaded for; null when none was named
 */
public record FileUploaded(
        UUID fileId,
        UUID ownerId,
        String name,
        String contentType,
        long size,
        String sha256,
        UUID conversationId,
        Instant uploadedAt) {

    public static final EventType<FileUploaded> TYPE =
            new EventType<>("file.uploaded", Topics.FILES, FileUploaded.class, Set.of("file-service"));
}
