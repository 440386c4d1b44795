package com.plexichat.admin.stats;

import com.plexichat.platform.api.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatsController {

    private final StatsService stats;

    StatsController(StatsService stats) {
        this.stats = stats;
    }

    @GetMapping("/v1/admin/stats")
    ApiResponse<StatsRecords.StatsResponse> stats() {
        return ApiResponse.ok(stats.stats());
    }
}
