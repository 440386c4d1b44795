package com.plexichat.platform.events.file;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A file is gone (its owner or an admin deleted it): attachments naming it show it as gone. */
public record FileDeleted(UUID fileId, UUID ownerId, UUID deletedBy, Instant deletedAt) {

    public static final EventType<FileDeleted> TYPE =
            new EventType<>("file.deleted", Topics.FILES, FileDeleted.class, Set.of("file-service"));
}
