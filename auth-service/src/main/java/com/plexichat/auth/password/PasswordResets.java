package com.plexichat.auth.password;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PasswordResets {

    private final JdbcClient jdbc;

    PasswordResets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(String tokenHash, UUID userId, Instant now, Instant expiresAt) {
        jdbc.sql("insert into password_reset (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(tokenHash, userId, Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
    }

    /** Spends the token (in the caller's transaction): its user, once, if unused and unexpired. */
    Optional<UUID> spend(String tokenHash, Instant now) {
        return jdbc.sql("""
                        update password_reset set used_at = ?
                        where token_hash = ? and used_at is null and expires_at > ?
                        returning user_id
                        """)
                .params(Timestamp.from(now), tokenHash, Timestamp.from(now))
                .query(UUID.class)
                .optional();
    }

    /** A successful reset spends the user's other outstanding tokens too. */
    void spendAllFor(UUID userId, Instant now) {
        jdbc.sql("update password_reset set used_at = ? where user_id = ? and used_at is null")
                .params(Timestamp.from(now), userId)
                .update();
    }
}
