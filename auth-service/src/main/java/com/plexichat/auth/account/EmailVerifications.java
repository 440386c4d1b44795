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

    /** Ends every unspent token of the user (marked used now). */
    void supersede(UUID userId, Instant now) {
        jdbc.sql("update email_verification set used_at = ? where user_id = ? and used_at is null")
                .params(Timestamp.from(now), userId)
                .update();
    }

    /** The address the user asked to move to and has not proved yet, if any. */
    Optional<String> pendingChange(UUID userId, String currentEmail, Instant now) {
        return jdbc.sql("""
                        select email from email_verification
                        where user_id = ? and used_at is null and expires_at > ? and lower(email) <> lower(?)
                        order by expires_at desc limit 1
                        """)
                .params(userId, Timestamp.from(now), currentEmail == null ? "" : currentEmail)
                .query(String.class)
                .optional();
    }

    void deleteFor(UUID userId) {
        jdbc.sql("delete from email_verification where user_id = ?")
                .param(userId)
                .update();
    }
}
