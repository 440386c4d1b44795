package com.plexichat.messaging.reaction;

import com.plexichat.messaging.message.MessageService.MessageResponse;
import com.plexichat.messaging.message.MessageService.Sent;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/messages/{id}/reactions")
class ReactionController {

    private final ReactionService reactions;

    ReactionController(ReactionService reactions) {
        this.reactions = reactions;
    }

    record ReactionBody(String emoji) {}

    /** 201 for a new reaction, 200 when the caller had reacted so already; the message either way. */
    @PostMapping
    ResponseEntity<ApiResponse<MessageResponse>> react(
            @PathVariable UUID id, @RequestBody ReactionBody body, CurrentUser caller) {
        Sent result = reactions.react(id, body.emoji(), caller);
        return ResponseEntity.status(result.created() ? 201 : 200).body(ApiResponse.ok(result.message()));
    }

    /** The emoji URL-encoded in the path: {@code %F0%9F%91%8D} or {@code :tada:}. */
    @DeleteMapping("/{emoji}")
    ResponseEntity<Void> unreact(@PathVariable UUID id, @PathVariable String emoji, CurrentUser caller) {
        reactions.unreact(id, emoji, caller);
        return ResponseEntity.noContent().build();
    }
}
