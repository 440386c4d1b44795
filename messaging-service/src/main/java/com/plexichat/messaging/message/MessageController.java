package com.plexichat.messaging.message;

import com.plexichat.messaging.message.MessageService.MessageResponse;
import com.plexichat.messaging.message.MessageService.VersionResponse;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/messages/{id}")
class MessageController {

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    record EditBody(String content) {}

    @GetMapping
    ApiResponse<MessageResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(messages.get(id, caller));
    }

    @PutMapping
    ApiResponse<MessageResponse> edit(@PathVariable UUID id, @RequestBody EditBody body, CurrentUser caller) {
        return ApiResponse.ok(messages.edit(id, body.content(), caller));
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser caller) {
        messages.delete(id, caller);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/history")
    ApiResponse<List<VersionResponse>> history(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(messages.history(id, caller));
    }
}
