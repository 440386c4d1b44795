package com.plexichat.auth.login;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pending second-factor logins: the tokens Keycloak issued, held (encrypted) until the code is right. */
@Repository
class LoginChallenges {

    record Challenge(
            UUID id,
            UUID userId,
            String tokensEncrypted,
            List<String> methods,
            int attempts,
            String emailCodeHash,
            Instant emailCodeExpiresAt,
            Instant expiresAt,
            Instant completedAt) {}

    private final JdbcClient jdbc;

    LoginChallenges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(Challenge challenge) {
        jdbc.sql("""
                        insert into login_challenge (id, user_id, tokens_encrypted, methods, expires_at)
                        values (?, ?, ?, ?, ?)
                        """)
                .params(
                        challenge.id(),
                        challenge.userId(),
                        challenge.tokensEncrypted(),
                        String.join(",", challenge.methods()),
                        Timestamp.from(challenge.expiresAt()))
                .update();
    }

    /** The challenge, locked for this transaction: concurrent attempts on one challenge take turns. */
    Optional<Challenge> lock(UUID id) {
        return jdbc.sql("""
                        select id, user_id, tokens_encrypted, methods, attempts, email_code_hash,
                               email_code_expires_at, expires_at, completed_at
                        from login_challenge where id = ? for update
                        """)
                .param(id)
                .query((rs, n) -> new Challenge(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        Arrays.asList(rs.getString(4).split(",")),
                        rs.getInt(5),
                        rs.getString(6),
                        instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9))))
                .optional();
    }

    int failedAttempt(UUID id) {
        return jdbc.sql("update login_challenge set attempts = attempts + 1 where id = ? returning attempts")
                .param(id)
                .query(Integer.class)
                .single();
    }

    void emailCode(UUID id, String hash, Instant expiresAt) {
        jdbc.sql("update login_challenge set email_code_hash = ?, email_code_expires_at = ? where id = ?")
                .params(hash, Timestamp.from(expiresAt), id)
                .update();
    }

    /** Spent (completed, or burned after too many attempts): the held tokens are wiped. */
    void complete(UUID id, Instant now) {
        jdbc.sql("update login_challenge set completed_at = ?, tokens_encrypted = '' where id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    int deleteOlderThan(Instant cutoff) {
        return jdbc.sql("delete from login_challenge where expires_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
