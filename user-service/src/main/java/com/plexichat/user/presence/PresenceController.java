package com.plexichat.user.presence;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/users/{id}/presence")
class PresenceController {

    private final PresenceService presence;

    PresenceController(PresenceService presence) {
        this.presence = presence;
    }

    record SetPresence(
            @NotNull @Pattern(regexp = "online|away|dnd|offline", message = "must be online, away, dnd or offline")
            String status,

            @Size(max = 128) String customText,
            @Size(max = 64) String customEmoji,
            Instant expiresAt) {}

    @GetMapping
    ApiResponse<PresenceService.PresenceResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(presence.get(id, caller));
    }

    @PutMapping
    ApiResponse<PresenceService.PresenceResponse> set(
            @PathVariable UUID id, @Valid @RequestBody SetPresence request, CurrentUser caller) {
        return ApiResponse.ok(presence.set(id, request, caller));
    }
}
