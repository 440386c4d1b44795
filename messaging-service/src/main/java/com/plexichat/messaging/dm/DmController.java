package com.plexichat.messaging.dm;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.message.MessageRequests;
import com.plexichat.messaging.message.MessageService;
import com.plexichat.messaging.message.MessageService.MessageResponse;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.CursorQuery;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/dm/conversations")
class DmController {

    private final DmService dms;
    private final MessageService messages;

    DmController(DmService dms, MessageService messages) {
        this.dms = dms;
        this.messages = messages;
    }

    record OpenBody(@NotNull @Size(min = 1, max = 9) List<@NotNull UUID> participantIds) {}

    @GetMapping
    ApiResponse<List<DmService.DmResponse>> mine(PageQuery page, CurrentUser caller) {
        DmService.Page result = dms.mine(caller, page);
        return ApiResponse.page(result.items(), result.pagination());
    }

    /** 201 for a new conversation; 200 with the existing one for the same participants. */
    @PostMapping
    ResponseEntity<ApiResponse<DmService.DmResponse>> open(@Valid @RequestBody OpenBody body, CurrentUser caller) {
        DmService.Opened opened = dms.open(body.participantIds(), caller);
        if (!opened.created()) {
            return ResponseEntity.ok(ApiResponse.ok(opened.conversation()));
        }
        return ResponseEntity.created(URI.create(
                        "/v1/dm/conversations/" + opened.conversation().id()))
                .body(ApiResponse.ok(opened.conversation()));
    }

    @GetMapping("/{id}")
    ApiResponse<DmService.DmResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(dms.get(id, caller));
    }

    @GetMapping("/{id}/messages")
    ApiResponse<List<MessageResponse>> list(
            @PathVariable UUID id,
            CursorQuery cursor,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage,
            CurrentUser caller) {
        return MessageRequests.listed(messages.list(
                id, Conversations.DM, cursor, MessageRequests.pageForm(page, perPage, !cursor.newest()), caller));
    }

    @PostMapping("/{id}/messages")
    ResponseEntity<ApiResponse<MessageResponse>> send(
            @PathVariable UUID id, @Valid @RequestBody MessageRequests.SendBody body, CurrentUser caller) {
        return MessageRequests.sent(messages.send(id, Conversations.DM, body.toMessage(), caller));
    }
}
