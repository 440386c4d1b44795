package com.plexichat.messaging.message;

import com.plexichat.messaging.message.MessageService.MessageResponse;
import com.plexichat.messaging.message.MessageService.Sent;
import com.plexichat.messaging.message.MessageService.VersionResponse;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.CursorQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    record ReactionBody(String emoji) {}

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

    /** 201 for a new reaction, 200 when the caller had reacted so already; the message either way. */
    @PostMapping("/reactions")
    ResponseEntity<ApiResponse<MessageResponse>> react(
            @PathVariable UUID id, @RequestBody ReactionBody body, CurrentUser caller) {
        Sent result = messages.react(id, body.emoji(), caller);
        return ResponseEntity.status(result.created() ? 201 : 200).body(ApiResponse.ok(result.message()));
    }

    /** The emoji URL-encoded in the path: {@code %F0%9F%91%8D} or {@code :tada:}. */
    @DeleteMapping("/reactions/{emoji}")
    ResponseEntity<Void> unreact(@PathVariable UUID id, @PathVariable String emoji, CurrentUser caller) {
        messages.unreact(id, emoji, caller);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/thread")
    ApiResponse<List<MessageResponse>> thread(@PathVariable UUID id, CursorQuery cursor, CurrentUser caller) {
        return MessageRequests.listed(messages.thread(id, cursor, caller));
    }

    @PostMapping("/thread")
    ResponseEntity<ApiResponse<MessageResponse>> reply(
            @PathVariable UUID id, @Valid @RequestBody MessageRequests.SendBody body, CurrentUser caller) {
        return MessageRequests.sent(messages.reply(id, body.toMessage(), caller));
    }
}
