package com.plexichat.messaging.readstate;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Read markers of channels and DMs, and {@code GET /v1/me/unread} ({@link ReadStateService}). */
@RestController
class ReadStateController {

    private final ReadStateService readState;

    ReadStateController(ReadStateService readState) {
        this.readState = readState;
    }

    record ReadBody(@NotNull @PositiveOrZero Long seq) {}

    @PostMapping("/v1/channels/{id}/read")
    ApiResponse<ReadStateService.ReadMarkerResponse> channelRead(
            @PathVariable UUID id, @Valid @RequestBody ReadBody body, CurrentUser caller) {
        return ApiResponse.ok(readState.read(id, Conversations.CHANNEL, body.seq(), caller.id()));
    }

    @PostMapping("/v1/dm/conversations/{id}/read")
    ApiResponse<ReadStateService.ReadMarkerResponse> dmRead(
            @PathVariable UUID id, @Valid @RequestBody ReadBody body, CurrentUser caller) {
        return ApiResponse.ok(readState.read(id, Conversations.DM, body.seq(), caller.id()));
    }

    @GetMapping("/v1/me/unread")
    ApiResponse<List<ReadStateService.UnreadResponse>> unread(CurrentUser caller) {
        return ApiResponse.ok(readState.unread(caller.id()));
    }
}
