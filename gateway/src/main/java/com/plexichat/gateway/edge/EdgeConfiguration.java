package com.plexichat.gateway.edge;

import com.plexichat.gateway.config.LiveProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    LiveProperties<RequestLimitsProperties> liveRequestLimitsProperties(ConfigurableEnvironment environment) {
        return new LiveProperties<>(environment, "plexichat.gateway.request-limits", RequestLimitsProperties.class);
    }

    @Bean
    RequestLimitsWebFilter requestLimitsWebFilter(LiveProperties<RequestLimitsProperties> properties) {
        return new RequestLimitsWebFilter(properties);
    }

    @Bean
    LiveProperties<CorsProperties> liveCorsProperties(ConfigurableEnvironment environment) {
        return new LiveProperties<>(environment, "plexichat.gateway.cors", CorsProperties.class);
    }

    @Bean
    CorsWebFilter corsWebFilter(LiveProperties<CorsProperties> properties) {
        return new CorsWebFilter(properties);
    }

    @Bean
    FullBulkheads fullBulkheads() {
        return new FullBulkheads();
    }
}
