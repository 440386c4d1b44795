package com.plexichat.platform.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Producer and consumer defaults (idempotent producer, acks=all, bounded blocking when Kafka is
 * down, outbox republication on restart) as the lowest-priority property source, so a service or
 * config-repo can still override any of them.
 */
class EventsDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource(
                            "plexichatEventsDefaults", new ClassPathResource("plexichat-events-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
