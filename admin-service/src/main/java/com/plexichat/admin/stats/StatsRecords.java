package com.plexichat.admin.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What {@code GET /v1/admin/stats} answers. */
final class StatsRecords {

    private StatsRecords() {}

    record Users(
            long total,
            @JsonProperty("active_24h") long active24h,
            @JsonProperty("active_7d") long active7d,
            long suspended) {}

    /** @param perDay the last 30 days, oldest first and today last, every day present */
    record Messages(@JsonProperty("total_30d") long total30d, List<Day> perDay) {}

    record Day(LocalDate date, long count) {}

    record Files(long count, long bytes) {}

    record StatsResponse(
            Users users,
            long organizations,
            long channels,
            long dmConversations,
            Messages messages,
            Files files,
            long activeCalls,
            long websocketConnections,
            Instant asOf) {}
}
