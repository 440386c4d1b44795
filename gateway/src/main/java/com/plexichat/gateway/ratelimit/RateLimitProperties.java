package com.plexichat.gateway.ratelimit;

import com.plexichat.platform.events.admin.PlatformSettings;
import java.time.Duration;
import java.util.List;

/**
 * {@code plexichat.gateway.rate-limits.*}: API-CONVENTIONS' four classes (and share links), changeable without a
 * restart: by an administrator ({@code PUT /v1/admin/settings}, which wins for the four), or in config-repo (read
 * again by the gateway's periodic refresh).
 *
 * @param enabled false turns every limit off (never in production)
 * @param auth sign-in and account recovery, per client IP
 * @param api every other call, per user or API key (per IP when anonymous)
 * @param uploads file uploads, per user
 * @param shares share links opened without a token, per client IP
 * @param websocket client frames on any WebSocket, per user
 * @param authPaths the requests of the {@code auth} class
 * @param uploadPaths the requests of the {@code uploads} class
 * @param sharePaths the requests of the {@code shares} class
 * @param websocketCloseAfter refused frames in a row after which the socket is closed (1008)
 * @param trustedProxies addresses or CIDR ranges of proxies whose {@code X-Forwarded-For} is believed
 */
public record RateLimitProperties(
        Boolean enabled,
        Limit auth,
        Limit api,
        Limit uploads,
        Limit shares,
        Limit websocket,
        List<String> authPaths,
        List<String> uploadPaths,
        List<String> sharePaths,
        Integer websocketCloseAfter,
        List<String> trustedProxies) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        auth = auth == null ? new Limit(5L, Duration.ofMinutes(1)) : auth;
        api = api == null ? new Limit(1000L, Duration.ofHours(1)) : api;
        uploads = uploads == null ? new Limit(10L, Duration.ofMinutes(1)) : uploads;
        shares = shares == null ? new Limit(60L, Duration.ofMinutes(1)) : shares;
        websocket = websocket == null ? new Limit(100L, Duration.ofMinutes(1)) : websocket;
        authPaths = authPaths == null ? List.of() : List.copyOf(authPaths);
        uploadPaths = uploadPaths == null ? List.of() : List.copyOf(uploadPaths);
        sharePaths = sharePaths == null ? List.of() : List.copyOf(sharePaths);
        websocketCloseAfter = websocketCloseAfter == null ? 5 : websocketCloseAfter;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    public Limit limit(LimitClass limitClass) {
        return switch (limitClass) {
            case AUTH -> auth;
            case API -> api;
            case UPLOADS -> uploads;
            case SHARES -> shares;
            case WEBSOCKET -> websocket;
        };
    }

    /** These limits with an administrator's four classes in place of the configured ones. */
    public RateLimitProperties with(PlatformSettings.RateLimits settings) {
        return new RateLimitProperties(
                enabled,
                Limit.of(settings.auth()),
                Limit.of(settings.api()),
                Limit.of(settings.uploads()),
                shares,
                Limit.of(settings.websocket()),
                authPaths,
                uploadPaths,
                sharePaths,
                websocketCloseAfter,
                trustedProxies);
    }

    /** At most {@code limit} requests per {@code period}, refilled smoothly. */
    public record Limit(Long limit, Duration period) {

        static Limit of(PlatformSettings.Limit limit) {
            return new Limit(limit.limit(), Duration.ofSeconds(limit.periodSeconds()));
        }

        public Limit {
            if (limit == null || limit < 1) {
                throw new IllegalArgumentException("A rate limit needs limit >= 1, not " + limit);
            }
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("A rate limit needs a positive period, not " + period);
            }
        }
    }
}
