package com.plexichat.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points the service's Kafka clients at the shared broker. */
@TestConfiguration(proxyBeanMethods = false)
public class KafkaTestConfiguration {

    @Bean
    KafkaInfrastructure kafkaInfrastructure() {
        return Infrastructure.kafka();
    }

    @Bean
    DynamicPropertyRegistrar kafkaProperties(KafkaInfrastructure kafka) {
        return registry -> registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
    }
}
