package com.plexichat.gateway.ratelimit;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.platform.events.settings.LiveSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.web.reactive.socket.server.WebSocketService;
import tools.jackson.databind.json.JsonMapper;

/** Rate limits in memory, or shared through Redis when {@code plexichat.gateway.rate-limits.redis-url} is set. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    LiveProperties<RateLimitProperties> liveRateLimitProperties(
            ConfigurableEnvironment environment, ObjectProvider<LiveSettings> settings) {
        LiveProperties<RateLimitProperties> limits =
                new LiveProperties<>(environment, "plexichat.gateway.rate-limits", RateLimitProperties.class);
        settings.ifAvailable(live -> live.onChange(admin -> limits.overlay(p -> p.with(admin.rateLimits()))));
        return limits;
    }

    @Bean
    RateLimiter plexichatRateLimiter(
            @Value("${plexichat.gateway.rate-limits.redis-url:}") String redisUrl,
            @Value("${plexichat.gateway.rate-limits.redis-timeout:1s}") Duration redisTimeout,
            MeterRegistry meters) {
        LocalRateLimiter local = new LocalRateLimiter();
        return redisUrl.isBlank() ? local : new RedisRateLimiter(redisUrl, redisTimeout, local, meters);
    }

    @Bean
    RateLimitWebFilter rateLimitWebFilter(
            LiveProperties<RateLimitProperties> properties, RateLimiter limiter, MeterRegistry meters) {
        return new RateLimitWebFilter(properties, limiter, meters);
    }

    @Bean
    ClientAddressHeader clientAddressHeader(LiveProperties<RateLimitProperties> properties) {
        return new ClientAddressHeader(properties);
    }

    /** Wraps the gateway's own WebSocket service; the security package's revocable sockets wrap this. */
    @Bean
    WebSocketService frameLimitingWebSocketService(
            @Qualifier("webSocketService") WebSocketService gatewayWebSocketService,
            LiveProperties<RateLimitProperties> properties,
            RateLimiter limiter,
            RateLimitWebFilter httpLimits,
            MeterRegistry meters,
            JsonMapper mapper) {
        return new FrameLimitingWebSocketService(
                gatewayWebSocketService, properties, limiter, httpLimits, meters, mapper);
    }
}
