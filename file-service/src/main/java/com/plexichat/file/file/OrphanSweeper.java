package com.plexichat.file.file;

import com.plexichat.file.FilesProperties;
import com.plexichat.file.storage.ObjectStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes objects no file row owns once they are older than any upload takes: uploads whose process died between
 * S3 and the database, and objects of deleted files that S3 refused to remove at the time.
 */
@Component
class OrphanSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final PendingObjects pending;
    private final ObjectStore store;
    private final FilesProperties properties;
    private final Clock clock;

    OrphanSweeper(PendingObjects pending, ObjectStore store, FilesProperties properties, Clock clock) {
        this.pending = pending;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${plexichat.files.sweep-interval:1m}",
            initialDelayString = "${plexichat.files.sweep-interval:1m}")
    void sweep() {
        for (String key : pending.olderThan(clock.instant().minus(properties.orphanAge()), 100)) {
            try {
                store.remove(key);
                pending.remove(key);
                log.info("Removed the orphaned object {}", key);
            } catch (RuntimeException e) {
                log.warn("Could not remove the orphaned object {} (next sweep tries again): {}", key, e.toString());
                return;
            }
        }
    }
}
