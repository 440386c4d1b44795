package com.plexichat.admin.settings;

import com.plexichat.platform.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The settings topic is compacted (only the latest record matters to a starting instance) with one partition (one
 * order). Records stay a week uncompacted, so the audit log's consumer never misses a change.
 * {@code spring.kafka.admin.modify-topic-configs} fixes a topic that an early consumer created with the broker's
 * defaults.
 */
@Configuration(proxyBeanMethods = false)
class SettingsTopic {

    @Bean
    NewTopic plexichatSettingsTopic() {
        return TopicBuilder.name(Topics.SETTINGS)
                .partitions(1)
                .compact()
                .config("min.compaction.lag.ms", Long.toString(7L * 24 * 3600 * 1000))
                .build();
    }
}
