package com.plexichat.auth.login;

import com.plexichat.auth.secret.OneTimeSecrets;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.RequestClients;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Failed logins, counted per typed name and client address, in place of Keycloak's per-account lockout (which let
 * anyone lock anyone out with ten wrong passwords, and answered 423 only for accounts that exist). Past {@code
 * limit} failures in {@code window}, that client gets 429 for that name until the window ends, before Keycloak is
 * asked; names that match no account are counted the same way, so the answers tell nothing about who exists.
 */
@Repository
class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int limit;
    private final Duration window;

    LoginThrottle(
            JdbcClient jdbc,
            Clock clock,
            @Value("${plexichat.auth.login-failures.limit:10}") int limit,
            @Value("${plexichat.auth.login-failures.window:15m}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    /** 429 with {@code Retry-After} when this client has used up its failures for this name. */
    void check(String name) {
        Instant now = clock.instant();
        Optional<Instant> blockedUntil = jdbc.sql("""
                        select window_start from login_failure
                        where name_hash = ? and client = ? and failures >= ? and window_start > ?
                        """)
                .params(hash(name), client(), limit, Timestamp.from(now.minus(window)))
                .query((rs, n) -> rs.getTimestamp(1).toInstant().plus(window))
                .optional();
        if (blockedUntil.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, blockedUntil.get()).toSeconds());
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                    && request.getResponse() != null) {
                request.getResponse().setHeader("Retry-After", Long.toString(seconds));
            }
            throw new ApiException(
                    ErrorCode.RATE_LIMITED,
                    "Too many failed logins for this name from here; try again later",
                    Map.of("reason", "too_many_failures", "retry_after_seconds", seconds));
        }
    }

    void failed(String name) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into login_failure (name_hash, client, failures, window_start) values (?, ?, 1, ?)
                        on conflict (name_hash, client) do update set
                          failures = case when login_failure.window_start > ? then login_failure.failures + 1 else 1 end,
                          window_start = case when login_failure.window_start > ? then login_failure.window_start
                                              else excluded.window_start end
                        """)
                .params(
                        hash(name),
                        client(),
                        Timestamp.from(now),
                        Timestamp.from(now.minus(window)),
                        Timestamp.from(now.minus(window)))
                .update();
    }

    void succeeded(String name) {
        jdbc.sql("delete from login_failure where name_hash = ? and client = ?")
                .params(hash(name), client())
                .update();
    }

    @Scheduled(fixedDelayString = "${plexichat.auth.challenge-cleanup-interval:10m}")
    void forgetOldFailures() {
        jdbc.sql("delete from login_failure where window_start < ?")
                .param(Timestamp.from(clock.instant().minus(window)))
                .update();
    }

    private static String hash(String name) {
        return OneTimeSecrets.hash(name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
    }

    /** The address the gateway saw; as stored, at most the column's width (an IPv6 text is at most 45). */
    private static String client() {
        String ip = RequestClients.ip();
        if (ip == null || ip.isBlank()) {
            return "unknown";
        }
        return ip.length() > 64 ? ip.substring(0, 64) : ip;
    }
}
