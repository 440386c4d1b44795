package com.plexichat.messaging.reaction;

import com.plexichat.messaging.message.ReactionResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who reacted with what ({@code JdbcClient}: {@code on conflict do nothing} and one grouped read per page). */
@Repository
class ReactionRepository {

    private final JdbcClient jdbc;

    ReactionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the user had reacted so already */
    boolean add(UUID messageId, String emoji, UUID userId, Instant now) {
        return jdbc.sql("""
                                insert into reaction (message_id, emoji, user_id, created_at) values (?, ?, ?, ?)
                                on conflict do nothing
                                """)
                        .params(messageId, emoji, userId, Timestamp.from(now))
                        .update()
                == 1;
    }

    boolean remove(UUID messageId, String emoji, UUID userId) {
        return jdbc.sql("delete from reaction where message_id = ? and emoji = ? and user_id = ?")
                        .params(messageId, emoji, userId)
                        .update()
                == 1;
    }

    void removeAll(UUID messageId) {
        jdbc.sql("delete from reaction where message_id = ?").param(messageId).update();
    }

    boolean used(UUID messageId, String emoji) {
        return jdbc.sql("select exists (select 1 from reaction where message_id = ? and emoji = ?)")
                .params(messageId, emoji)
                .query(Boolean.class)
                .single();
    }

    long distinctEmoji(UUID messageId) {
        return jdbc.sql("select count(distinct emoji) from reaction where message_id = ?")
                .param(messageId)
                .query(Long.class)
                .single();
    }

    /** Until commit, the message's new emoji take turns (a transaction-scoped advisory lock on its id). */
    void lockEmoji(UUID messageId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 17))")
                .param("reaction:" + messageId)
                .query((rs, n) -> 1)
                .single();
    }

    long count(UUID messageId, String emoji) {
        return jdbc.sql("select count(*) from reaction where message_id = ? and emoji = ?")
                .params(messageId, emoji)
                .query(Long.class)
                .single();
    }

    Map<UUID, List<ReactionResponse>> of(Collection<UUID> messageIds, UUID userId) {
        Map<UUID, List<ReactionResponse>> byMessage = new LinkedHashMap<>();
        if (messageIds.isEmpty()) {
            return byMessage;
        }
        jdbc.sql("""
                        select message_id, emoji, count(*) as n, bool_or(user_id = ?) as me
                        from reaction where message_id = any(cast(? as uuid[]))
                        group by message_id, emoji order by message_id, min(created_at), emoji
                        """)
                .params(userId, messageIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    byMessage
                            .computeIfAbsent(rs.getObject("message_id", UUID.class), id -> new ArrayList<>())
                            .add(new ReactionResponse(rs.getString("emoji"), rs.getLong("n"), rs.getBoolean("me")));
                });
        return byMessage;
    }
}
