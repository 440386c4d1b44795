package com.plexichat.admin.deadletter;

import com.plexichat.platform.api.ApiResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators only, like every {@code /v1/admin/**} route (AdminAccess). */
@RestController
class DeadLetterController {

    private final DeadLetterReplay replay;

    DeadLetterController(DeadLetterReplay replay) {
        this.replay = replay;
    }

    /** Up to 1,000 records a call; {@code remaining} says whether to call again. */
    @PostMapping("/v1/admin/dead-letters/{topic}/replay")
    ApiResponse<DeadLetterReplay.ReplayResponse> replay(@PathVariable String topic) {
        return ApiResponse.ok(replay.replay(topic));
    }
}
