package com.plexichat.auth.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EmailVerifications {

    record Pending(UUID userId, String email) {}

    private final JdbcClient jdbc;

    EmailVerifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(String tokenHash, UUID userId, String email, Instant expiresAt) {
        jdbc.sql("insert into email_verification (token_hash, user_id, email, expires_at) values (?, ?, ?, ?)")
                .params(tokenHash, userId, email, Timestamp.from(expiresAt))
                .update();
    }

    /** Spends the token: its user and address once, if it is unused and unexpired. */
    Optional<Pending> spend(String tokenHash, Instant now) {
        return jdbc.sql("""
                        update email_verification set used_at = ?
                        where token_hash = ? and used_at is null and expires_at > ?
                        returning user_id, email
                        """)
                .params(Timestamp.from(now), tokenHash, Timestamp.from(now))
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional();
    }

    void deleteFor(UUID userId) {
        jdbc.sql("delete from email_verification where user_id = ?")
                .param(userId)
                .update();
    }
}
