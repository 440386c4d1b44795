package com.plexichat.platform.events.settings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import tools.jackson.databind.json.JsonMapper;

/** {@link LiveSettings} in every service and the gateway ({@code plexichat.settings.live=false} to leave it out). */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(ConsumerFactory.class)
@ConditionalOnProperty(name = "plexichat.settings.live", havingValue = "true", matchIfMissing = true)
public class LiveSettingsAutoConfiguration {

    @Bean
    LiveSettings plexichatLiveSettings(JsonMapper mapper) {
        return new LiveSettings(mapper);
    }

    /** Offsets are never committed: each start reads the topic again from the beginning. */
    @Bean
    ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>>
            plexichatLiveSettingsContainer() {
        return container -> container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
    }
}
