package com.plexichat.admin.stats;

import com.plexichat.admin.user.UserStatistics;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code GET /v1/admin/stats}: admin-service's own read model, as far as its consumers have read (their lag is in
 * {@code GET /v1/admin/health}).
 */
@Service
class StatsService {

    static final int DAYS = 30;

    private final StatsModel model;
    private final UserStatistics users;
    private final Clock clock;

    StatsService(StatsModel model, UserStatistics users, Clock clock) {
        this.model = model;
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    StatsRecords.StatsResponse stats() {
        Instant now = clock.instant();
        UserStatistics.Counts people = users.at(now);
        StatsModel.Totals totals = model.totals();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        Map<LocalDate, Long> counted = model.messagesPerDay(first);
        List<StatsRecords.Day> days = new ArrayList<>(DAYS);
        long total = 0;
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            long messages = counted.getOrDefault(day, 0L);
            days.add(new StatsRecords.Day(day, messages));
            total += messages;
        }
        return new StatsRecords.StatsResponse(
                new StatsRecords.Users(people.total(), people.activeDay(), people.activeWeek(), people.suspended()),
                totals.organizations(),
                totals.channels(),
                totals.dms(),
                new StatsRecords.Messages(total, days),
                new StatsRecords.Files(totals.files(), totals.fileBytes()),
                // call-service publishes no call events yet (docs/admin.md).
                0,
                model.connections(),
                now);
    }
}
