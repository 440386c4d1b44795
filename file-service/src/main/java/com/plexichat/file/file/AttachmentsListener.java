package com.plexichat.file.file;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.ProcessedEvents;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.message.MessageDeleted;
import com.plexichat.platform.events.message.MessageSent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Learns where files were attached ({@code message.sent}: the conversation's readers may read them) and where that
 * ended ({@code message.deleted}: a tombstone shares nothing).
 */
@Component
class AttachmentsListener {

    static final String CONSUMER = "file-service.messages";

    private final FileService files;
    private final ProcessedEvents processed;
    private final JsonMapper mapper;

    AttachmentsListener(FileService files, ProcessedEvents processed, JsonMapper mapper) {
        this.files = files;
        this.processed = processed;
        this.mapper = mapper;
    }

    @KafkaListener(topics = Topics.MESSAGES, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        if (event.is(MessageSent.TYPE)) {
            MessageSent sent = event.dataAs(MessageSent.TYPE, mapper);
            if (sent.attachments() != null
                    && !sent.attachments().isEmpty()
                    && processed.firstDelivery(CONSUMER, event)) {
                files.attached(sent.attachments(), sent.messageId(), sent.conversationId());
            }
        } else if (event.is(MessageDeleted.TYPE) && processed.firstDelivery(CONSUMER, event)) {
            files.messageDeleted(event.dataAs(MessageDeleted.TYPE, mapper).messageId());
        }
    }
}
