package com.plexichat.admin.health;

import com.plexichat.platform.api.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Always 200 for an administrator: the report says what is down (the public {@code /v1/health} is the 503). */
@RestController
class HealthController {

    private final HealthChecks checks;

    HealthController(HealthChecks checks) {
        this.checks = checks;
    }

    @GetMapping("/v1/admin/health")
    ApiResponse<HealthRecords.HealthResponse> health() {
        return ApiResponse.ok(checks.check());
    }
}
