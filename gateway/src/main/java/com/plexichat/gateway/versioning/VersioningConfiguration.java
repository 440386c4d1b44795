package com.plexichat.gateway.versioning;

import com.plexichat.gateway.config.LiveProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
class VersioningConfiguration {

    @Bean
    LiveProperties<VersionProperties> liveVersionProperties(ConfigurableEnvironment environment) {
        return new LiveProperties<>(environment, "plexichat.gateway.versions", VersionProperties.class);
    }

    @Bean
    ApiVersionWebFilter apiVersionWebFilter(LiveProperties<VersionProperties> properties) {
        return new ApiVersionWebFilter(properties);
    }
}
