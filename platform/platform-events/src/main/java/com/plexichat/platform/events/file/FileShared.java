package com.plexichat.platform.events.file;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A share link was made: anyone holding it can download the file until {@code expiresAt}. */
public record FileShared(UUID fileId, UUID shareId, UUID ownerId, UUID sharedBy, Instant expiresAt, Instant sharedAt) {

    public static final EventType<FileShared> TYPE =
            new EventType<>("file.shared", Topics.FILES, FileShared.class, Set.of("file-service"));
}
