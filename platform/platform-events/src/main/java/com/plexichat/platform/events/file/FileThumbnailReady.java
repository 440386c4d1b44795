package com.plexichat.platform.events.file;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An image's thumbnail can be fetched now ({@code GET /v1/files/{id}/thumbnail}); its size in pixels. */
public record FileThumbnailReady(UUID fileId, UUID ownerId, int width, int height, Instant readyAt) {

    public static final EventType<FileThumbnailReady> TYPE =
            new EventType<>("file.thumbnail-ready", Topics.FILES, FileThumbnailReady.class, Set.of("file-service"));
}
