package com.plexichat.platform.events.file;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Every share link of the file stopped working. */
public record FileSharesRevoked(UUID fileId, UUID revokedBy, Instant revokedAt) {

    public static final EventType<FileSharesRevoked> TYPE =
            new EventType<>("file.shares-revoked", Topics.FILES, FileSharesRevoked.class, Set.of("file-service"));
}
