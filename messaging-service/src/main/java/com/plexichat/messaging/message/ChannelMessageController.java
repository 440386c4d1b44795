package com.plexichat.messaging.message;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.message.MessageService.MessageResponse;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.CursorQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ChannelMessageController {

    private final MessageService messages;

    ChannelMessageController(MessageService messages) {
        this.messages = messages;
    }

    @GetMapping("/v1/channels/{id}/messages")
    ApiResponse<List<MessageResponse>> list(
            @PathVariable UUID id,
            CursorQuery cursor,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage,
            CurrentUser caller) {
        return MessageRequests.listed(messages.list(
                id, Conversations.CHANNEL, cursor, MessageRequests.pageForm(page, perPage, !cursor.newest()), caller));
    }

    @PostMapping("/v1/channels/{id}/messages")
    ResponseEntity<ApiResponse<MessageResponse>> send(
            @PathVariable UUID id, @Valid @RequestBody MessageRequests.SendBody body, CurrentUser caller) {
        return MessageRequests.sent(messages.send(id, Conversations.CHANNEL, body.toMessage(), caller));
    }
}
