package com.plexichat.messaging.file;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.file.FileDeleted;
import com.plexichat.platform.events.file.FileUploaded;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the replica of files in step with file-service; each event counts once. */
@Component
class FileEventsListener {

    static final String CONSUMER = "messaging-service.files";

    private final EventHandlers handlers;

    FileEventsListener(KnownFiles files, ConsumedEvents events) {
        this.handlers = events.consumer(CONSUMER)
                .once(FileUploaded.TYPE, uploaded -> files.uploaded(uploaded.fileId(), uploaded.ownerId()))
                .once(FileDeleted.TYPE, deleted -> files.deleted(deleted.fileId(), deleted.ownerId()))
                .build();
    }

    @KafkaListener(topics = Topics.FILES, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
