package com.plexichat.messaging.file;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.file.FileDeleted;
import com.plexichat.platform.events.file.FileUploaded;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the replica of files in step with file-service; each event counts once. */
@Component
class FileEventsListener {

    static final String CONSUMER = "messaging-service.files";

    private final KnownFiles files;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    FileEventsListener(KnownFiles files, ProcessedEvents processed, JsonMapper mapper) {
        this.files = files;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.FILES, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(FileUploaded.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            FileUploaded uploaded = event.dataAs(FileUploaded.TYPE, mapper);
            files.uploaded(uploaded.fileId(), uploaded.ownerId());
        } else if (event.is(FileDeleted.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            FileDeleted deleted = event.dataAs(FileDeleted.TYPE, mapper);
            files.deleted(deleted.fileId(), deleted.ownerId());
        }
    }
}
