package com.plexichat.platform.events;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

/**
 * Spring Modulith marks a publication FAILED when Kafka refuses it but never retries by itself
 * (checked on Boot 4.0.7 / Modulith 2.0.3). This sends failed publications again on a fixed delay
 * until they go through; consumers are idempotent, so an occasional second delivery is harmless.
 */
class OutboxRetrier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetrier.class);

    private final FailedEventPublications failed;
    private final EventsProperties properties;
    private ScheduledExecutorService executor;

    OutboxRetrier(FailedEventPublications failed, EventsProperties properties) {
        this.failed = failed;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-retrier");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.retryInterval().toMillis();
        executor.scheduleWithFixedDelay(this::retry, millis, millis, TimeUnit.MILLISECONDS);
    }

    void retry() {
        try {
            failed.resubmit(ResubmissionOptions.defaults());
        } catch (RuntimeException e) {
            log.warn("Resubmitting failed event publications failed; next try in {}", properties.retryInterval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
