package com.plexichat.admin.user;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The user figures of {@code GET /v1/admin/stats}, from this feature's replica. */
@Service
public class UserStatistics {

    /** @param total not deleted; @param activeDay and @param activeWeek seen in the last 24 h and 7 d */
    public record Counts(long total, long activeDay, long activeWeek, long suspended) {}

    private final AdminUsers users;

    UserStatistics(AdminUsers users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Counts at(Instant now) {
        return users.counts(now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(7)));
    }
}
