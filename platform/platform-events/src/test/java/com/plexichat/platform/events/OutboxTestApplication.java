package com.plexichat.platform.events;

import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** A tiny producer and consumer of one event type, wired only by platform-events. */
@SpringBootApplication
class OutboxTestApplication {

    static final String TOPIC = "plexichat.test-notes";

    record NoteCreated(UUID noteId, String text) {
        static final EventType<NoteCreated> TYPE = new EventType<>("note.created", TOPIC, NoteCreated.class);
    }

    /** One partition: the test relies on records arriving in the order they were sent. */
    @Bean
    NewTopic notesTopic() {
        return new NewTopic(TOPIC, 1, (short) 1);
    }

    @Service
    static class Notes {

        private final JdbcTemplate jdbc;
        private final EventPublisher events;

        Notes(JdbcTemplate jdbc, EventPublisher events) {
            this.jdbc = jdbc;
            this.events = events;
        }

        @Transactional
        UUID create(String text) {
            UUID id = UUID.randomUUID();
            jdbc.update("insert into note (id, text) values (?, ?)", id, text);
            events.publish(NoteCreated.TYPE, id.toString(), new NoteCreated(id, text));
            return id;
        }

        @Transactional
        void createThenFail(UUID id, String text) {
            jdbc.update("insert into note (id, text) values (?, ?)", id, text);
            events.publish(NoteCreated.TYPE, id.toString(), new NoteCreated(id, text));
            throw new IllegalStateException("the change fails after publishing");
        }
    }

    @Component
    static class NoteListener {

        private final JdbcTemplate jdbc;
        private final ProcessedEvents processed;
        private final JsonMapper mapper;

        NoteListener(JdbcTemplate jdbc, ProcessedEvents processed, JsonMapper mapper) {
            this.jdbc = jdbc;
            this.processed = processed;
            this.mapper = mapper;
        }

        @KafkaListener(topics = TOPIC, groupId = "outbox-it")
        @Transactional
        public void on(EventEnvelope event) {
            if (!event.is(NoteCreated.TYPE) || !processed.firstDelivery("outbox-it", event)) {
                return;
            }
            NoteCreated note = event.dataAs(NoteCreated.TYPE, mapper);
            jdbc.update(
                    "insert into received_note (note_id, text, event_id) values (?, ?, ?)",
                    note.noteId(),
                    note.text(),
                    event.id());
        }
    }
}
