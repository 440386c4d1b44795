package com.plexichat.auth.throttle;

import com.plexichat.auth.secret.OneTimeSecrets;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Attempts counted in fixed windows per kind and subject, in PostgreSQL so that every replica counts alike: at
 * {@link Limit#max()} attempts the subject waits until its window ends. One upsert per attempt; the subject is
 * stored hashed.
 */
@Service
public class Attempts {

    /** @param kind what is counted, e.g. {@code login_failure} */
    public record Limit(String kind, int max, Duration window) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Attempts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long the subject still has to wait, if it has used up its attempts. */
    public Optional<Duration> waitFor(Limit limit, String subject) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        select window_start from attempt_count
                        where kind = ? and subject = ? and attempts >= ? and window_start > ?
                        """)
                .params(limit.kind(), hash(subject), limit.max(), Timestamp.from(now.minus(limit.window())))
                .query((rs, n) ->
                        Duration.between(now, rs.getTimestamp(1).toInstant().plus(limit.window())))
                .optional();
    }

    /** 429 with {@code Retry-After} and {@code details.reason} if the subject has used up its attempts. */
    public void refuseIfUsedUp(Limit limit, String subject, String message, String reason) {
        Optional<Duration> wait = waitFor(limit, subject);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                    && request.getResponse() != null) {
                request.getResponse().setHeader("Retry-After", Long.toString(seconds));
            }
            throw new ApiException(
                    ErrorCode.RATE_LIMITED, message, Map.of("reason", reason, "retry_after_seconds", seconds));
        }
    }

    public void count(Limit limit, String subject) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp windowOpen = Timestamp.from(clock.instant().minus(limit.window()));
        jdbc.sql("""
                        insert into attempt_count (kind, subject, attempts, window_start) values (?, ?, 1, ?)
                        on conflict (kind, subject) do update set
                          attempts = case when attempt_count.window_start > ? then attempt_count.attempts + 1 else 1 end,
                          window_start = case when attempt_count.window_start > ? then attempt_count.window_start
                                              else excluded.window_start end
                        """)
                .params(limit.kind(), hash(subject), now, windowOpen, windowOpen)
                .update();
    }

    public void clear(Limit limit, String subject) {
        jdbc.sql("delete from attempt_count where kind = ? and subject = ?")
                .params(limit.kind(), hash(subject))
                .update();
    }

    /** Windows are at most a day here; anything older counts for nothing. */
    @Scheduled(fixedDelayString = "${plexichat.auth.challenge-cleanup-interval:10m}")
    void forgetOldWindows() {
        jdbc.sql("delete from attempt_count where window_start < ?")
                .param(Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .update();
    }

    private static String hash(String subject) {
        return OneTimeSecrets.hash(subject == null ? "" : subject);
    }
}
