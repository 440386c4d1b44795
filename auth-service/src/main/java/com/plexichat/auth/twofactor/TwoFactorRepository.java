package com.plexichat.auth.twofactor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TwoFactorRepository {

    record TotpCredential(UUID userId, String secretEncrypted, Instant confirmedAt, long lastStep) {}

    private final JdbcClient jdbc;

    TwoFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TotpCredential> totp(UUID userId) {
        return jdbc.sql(
                        "select user_id, secret_encrypted, confirmed_at, last_step from totp_credential where user_id = ?")
                .param(userId)
                .query((rs, n) -> new TotpCredential(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getLong(4)))
                .optional();
    }

    /** A new, unconfirmed secret replaces an earlier unconfirmed one. */
    void saveUnconfirmed(UUID userId, String secretEncrypted, Instant now) {
        jdbc.sql("""
                        insert into totp_credential (user_id, secret_encrypted, created_at) values (?, ?, ?)
                        on conflict (user_id) do update set secret_encrypted = excluded.secret_encrypted,
                            created_at = excluded.created_at, last_step = 0
                        where totp_credential.confirmed_at is null
                        """)
                .params(userId, secretEncrypted, java.sql.Timestamp.from(now))
                .update();
    }

    /** Accepts the step once: false when this or a later step was accepted before (a replayed code). */
    boolean acceptStep(UUID userId, long step) {
        return jdbc.sql("update totp_credential set last_step = ? where user_id = ? and last_step < ?")
                        .params(step, userId, step)
                        .update()
                == 1;
    }

    void confirm(UUID userId, Instant now) {
        jdbc.sql("update totp_credential set confirmed_at = ? where user_id = ?")
                .params(java.sql.Timestamp.from(now), userId)
                .update();
    }

    void deleteTotp(UUID userId) {
        jdbc.sql("delete from totp_credential where user_id = ?").param(userId).update();
    }

    void replaceRecoveryCodes(UUID userId, List<String> hashes) {
        deleteRecoveryCodes(userId);
        for (String hash : hashes) {
            jdbc.sql("insert into recovery_code (user_id, code_hash) values (?, ?)")
                    .params(userId, hash)
                    .update();
        }
    }

    int unusedRecoveryCodes(UUID userId) {
        return jdbc.sql("select count(*) from recovery_code where user_id = ? and used_at is null")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    /** Spends the code: true once, false when unknown or already used. */
    boolean useRecoveryCode(UUID userId, String hash, Instant now) {
        return jdbc.sql("update recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null")
                        .params(java.sql.Timestamp.from(now), userId, hash)
                        .update()
                == 1;
    }

    void deleteRecoveryCodes(UUID userId) {
        jdbc.sql("delete from recovery_code where user_id = ?").param(userId).update();
    }
}
