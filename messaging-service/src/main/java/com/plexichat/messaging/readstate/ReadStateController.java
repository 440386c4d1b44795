package com.plexichat.messaging.readstate;

import com.plexichat.messaging.conversation.ConversationRepository;
import com.plexichat.messaging.conversation.ConversationRepository.Unread;
import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.message.ConversationRead;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read markers: a member says how far they have read ({@code seq}); the marker only moves forward and
 * never past the last message. {@code GET /v1/me/unread} counts, per conversation, the others' messages
 * after it and those that mention the user or {@code @channel}.
 */
@RestController
class ReadStateController {

    private final ConversationRepository conversations;
    private final Conversations access;
    private final EventPublisher events;
    private final Clock clock;

    ReadStateController(
            ConversationRepository conversations, Conversations access, EventPublisher events, Clock clock) {
        this.conversations = conversations;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    record ReadBody(@NotNull @PositiveOrZero Long seq) {}

    record ReadMarker(UUID conversationId, long lastReadSeq) {}

    @PostMapping("/v1/channels/{id}/read")
    @Transactional
    public ApiResponse<ReadMarker> channelRead(
            @PathVariable UUID id, @Valid @RequestBody ReadBody body, CurrentUser caller) {
        return read(id, Conversations.CHANNEL, body.seq(), caller);
    }

    @PostMapping("/v1/dm/conversations/{id}/read")
    @Transactional
    public ApiResponse<ReadMarker> dmRead(
            @PathVariable UUID id, @Valid @RequestBody ReadBody body, CurrentUser caller) {
        return read(id, Conversations.DM, body.seq(), caller);
    }

    @GetMapping("/v1/me/unread")
    @Transactional(readOnly = true)
    public ApiResponse<List<Unread>> unread(CurrentUser caller) {
        return ApiResponse.ok(conversations.unread(caller.id()));
    }

    private ApiResponse<ReadMarker> read(UUID id, String kind, long seq, CurrentUser caller) {
        access.readable(id, caller.id(), kind);
        long before =
                conversations.member(id, caller.id()).map(m -> m.lastReadSeq()).orElse(0L);
        long marker = conversations.markRead(id, caller.id(), seq);
        if (marker > before) {
            events.publish(
                    ConversationRead.TYPE,
                    id.toString(),
                    new ConversationRead(id, caller.id(), marker, clock.instant()));
        }
        return ApiResponse.ok(new ReadMarker(id, marker));
    }
}
