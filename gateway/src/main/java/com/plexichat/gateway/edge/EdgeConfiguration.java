package com.plexichat.gateway.edge;

import com.plexichat.gateway.config.LiveProperties;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
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
    RouteRefusals routeRefusals(
            @Value("${resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state:10s}") Duration wait) {
        return new RouteRefusals(wait);
    }
}
