package com.plexichat.file.file;

import com.plexichat.platform.events.ConsumedEvents;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.EventHandlers;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.message.MessageDeleted;
import com.plexichat.platform.events.message.MessageSent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learns where files were attached ({@code message.sent}: the conversation's readers may read them) and where that
 * ended ({@code message.deleted}: a tombstone shares nothing).
 */
@Component
class AttachmentsListener {

    static final String CONSUMER = "file-service.messages";

    private final EventHandlers handlers;

    AttachmentsListener(FileService files, ConsumedEvents events) {
        this.handlers = events.consumer(CONSUMER)
                // Only messages with files are recorded: most have none, and recording each would be a write per
                // message.
                .once(
                        MessageSent.TYPE,
                        sent -> sent.attachments() != null
                                && !sent.attachments().isEmpty(),
                        sent -> files.attached(sent.attachments(), sent.messageId(), sent.conversationId()))
                .once(MessageDeleted.TYPE, deleted -> files.messageDeleted(deleted.messageId()))
                .build();
    }

    @KafkaListener(topics = Topics.MESSAGES, groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        handlers.handle(event);
    }
}
