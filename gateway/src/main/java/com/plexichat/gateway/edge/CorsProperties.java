package com.plexichat.gateway.edge;

import java.time.Duration;
import java.util.List;

/**
 * {@code plexichat.gateway.cors.*}: which web origins may call the API from a browser. None by
 * default: native, mobile and server clients need no CORS, and a browser app's origin is named here.
 */
public record CorsProperties(
        List<String> allowedOrigins,
        List<String> allowedMethods,
        List<String> allowedHeaders,
        List<String> exposedHeaders,
        Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedMethods = allowedMethods == null
                ? List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
                : List.copyOf(allowedMethods);
        allowedHeaders = allowedHeaders == null
                ? List.of("Authorization", "Content-Type", "X-Request-Id", "X-API-Key")
                : List.copyOf(allowedHeaders);
        exposedHeaders = exposedHeaders == null
                ? List.of(
                        "X-Request-Id",
                        "Location",
                        "Retry-After",
                        "RateLimit-Limit",
                        "RateLimit-Remaining",
                        "RateLimit-Reset",
                        "X-RateLimit-Limit",
                        "X-RateLimit-Remaining",
                        "X-RateLimit-Reset",
                        "Deprecation",
                        "Sunset",
                        "Link")
                : List.copyOf(exposedHeaders);
        maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    }
}
