package com.plexichat.messaging.thread;

import com.plexichat.messaging.message.MessageRequests;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/messages/{id}/thread")
class ThreadController {

    private final ThreadService threads;

    ThreadController(ThreadService threads) {
        this.threads = threads;
    }

    @GetMapping
    ApiResponse<List<MessageResponse>> thread(@PathVariable UUID id, CursorQuery cursor, CurrentUser caller) {
        return MessageRequests.listed(threads.thread(id, cursor, caller));
    }

    @PostMapping
    ResponseEntity<ApiResponse<MessageResponse>> reply(
            @PathVariable UUID id, @Valid @RequestBody MessageRequests.SendBody body, CurrentUser caller) {
        return MessageRequests.sent(threads.reply(id, body.toMessage(), caller));
    }
}
