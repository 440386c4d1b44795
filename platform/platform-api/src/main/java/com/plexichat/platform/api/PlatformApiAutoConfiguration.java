package com.plexichat.platform.api;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * JSON as API-CONVENTIONS.md writes it: snake_case names, ISO-8601 timestamps; and the one clock
 * services read the time from (UTC), which a test may replace.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(ApiProperties.class)
public class PlatformApiAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer plexichatJsonConventions() {
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock plexichatClock() {
        return Clock.systemUTC();
    }
}
