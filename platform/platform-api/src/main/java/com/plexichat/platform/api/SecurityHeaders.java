package com.plexichat.platform.api;

import java.util.Map;

/** The headers API-CONVENTIONS.md puts on every response, errors included. */
public final class SecurityHeaders {

    public static final Map<String, String> ALL = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "X-XSS-Protection", "1; mode=block",
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
            "Content-Security-Policy", "default-src 'self'");

    private SecurityHeaders() {}
}
