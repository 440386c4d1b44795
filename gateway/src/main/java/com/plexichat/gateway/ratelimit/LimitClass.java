package com.plexichat.gateway.ratelimit;

import java.util.Locale;

/** The rate-limit classes of API-CONVENTIONS.md. */
public enum LimitClass {
    AUTH,
    API,
    UPLOADS,
    SHARES,
    WEBSOCKET;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
