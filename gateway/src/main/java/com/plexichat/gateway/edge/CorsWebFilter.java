package com.plexichat.gateway.edge;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the configured origins only, before authentication (a preflight carries no token).
 * Spring's processor decides; a refused origin gets the 403 envelope rather than an empty 403, and
 * that includes WebSocket handshakes from other sites.
 */
public class CorsWebFilter implements WebFilter, Ordered {

    private final Supplier<CorsConfiguration> configuration;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

    public CorsWebFilter(LiveProperties<CorsProperties> properties) {
        this.configuration = properties.derive(CorsWebFilter::configuration);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration.get(), exchange)) {
            return Mono.error(new ApiException(
                    ErrorCode.FORBIDDEN,
                    "Cross-origin request refused",
                    Map.of(
                            "origin",
                            String.valueOf(exchange.getRequest().getHeaders().getOrigin()))));
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return exchange.getResponse().setComplete();
        }
        return chain.filter(exchange);
    }

    private static CorsConfiguration configuration(CorsProperties properties) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(properties.allowedMethods());
        configuration.setAllowedHeaders(properties.allowedHeaders());
        configuration.setExposedHeaders(properties.exposedHeaders());
        configuration.setMaxAge(properties.maxAge());
        configuration.setAllowCredentials(false);
        return configuration;
    }

    @Override
    public int getOrder() {
        return -200;
    }
}
