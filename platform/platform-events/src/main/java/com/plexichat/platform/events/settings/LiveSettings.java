package com.plexichat.platform.events.settings;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.admin.PlatformSettings;
import com.plexichat.platform.events.admin.SettingsChanged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administrator's settings as this instance knows them: every instance reads the compacted settings topic from
 * its start (so it has the latest before serving for long, whatever happened while it was down) and then follows it,
 * in a consumer group of its own that commits nothing. Empty until admin-service has saved settings once; until
 * then each service runs on its own configuration. A newer version always wins, so replays change nothing.
 */
public class LiveSettings extends AbstractConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);

    private final JsonMapper mapper;
    private final AtomicReference<SettingsChanged> current = new AtomicReference<>();
    private final List<Consumer<PlatformSettings>> listeners = new CopyOnWriteArrayList<>();

    public LiveSettings(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<PlatformSettings> current() {
        SettingsChanged latest = current.get();
        return latest == null ? Optional.empty() : Optional.of(latest.settings());
    }

    /** 0 until settings arrive. */
    public long version() {
        SettingsChanged latest = current.get();
        return latest == null ? 0 : latest.version();
    }

    /** Called with the settings now (if any) and after every change, on the consumer's thread. */
    public void onChange(Consumer<PlatformSettings> listener) {
        listeners.add(listener);
        current().ifPresent(listener);
    }

    /** Applies a change unless a newer one is already known. */
    public void apply(SettingsChanged changed) {
        SettingsChanged before = current.getAndAccumulate(
                changed, (known, next) -> known != null && known.version() >= next.version() ? known : next);
        if (before != null && before.version() >= changed.version()) {
            return;
        }
        log.info("Applying settings version {}", changed.version());
        for (Consumer<PlatformSettings> listener : listeners) {
            try {
                listener.accept(changed.settings());
            } catch (RuntimeException e) {
                log.error("Settings version {} could not be applied everywhere", changed.version(), e);
            }
        }
    }

    @KafkaListener(
            topics = Topics.SETTINGS,
            groupId = "${spring.application.name:plexichat}-settings-#{T(java.util.UUID).randomUUID()}",
            containerPostProcessor = "plexichatLiveSettingsContainer",
            properties = {"enable.auto.commit=false", "auto.offset.reset=earliest", "fetch.max.wait.ms=100"})
    void on(ConsumerRecord<String, byte[]> record) {
        // The raw record: services convert payloads with the outbox's JSON converter, the gateway with none.
        try {
            EventEnvelope event = mapper.readValue(record.value(), EventEnvelope.class);
            if (event.is(SettingsChanged.TYPE)) {
                apply(event.dataAs(SettingsChanged.TYPE, mapper));
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // Every instance reads this topic: one bad record must not stop them, nor be dead-lettered by each.
            log.error("Ignoring an unreadable record on {}", Topics.SETTINGS, e);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        callback.seekToBeginning(assignments.keySet());
    }
}
