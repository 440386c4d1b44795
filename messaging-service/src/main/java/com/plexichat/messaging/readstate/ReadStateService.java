package com.plexichat.messaging.readstate;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.message.ConversationRead;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read markers: a member says how far they have read ({@code seq}); the marker only moves forward and never past
 * the last message, and a move tells the user's other sockets ({@code conversation.read}).
 */
@Service
class ReadStateService {

    private final Conversations conversations;
    private final EventPublisher events;
    private final Clock clock;

    ReadStateService(Conversations conversations, EventPublisher events, Clock clock) {
        this.conversations = conversations;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    ReadMarkerResponse read(UUID id, String kind, long seq, UUID userId) {
        conversations.readable(id, userId, kind);
        long before = conversations.lastReadSeq(id, userId);
        long marker = conversations.markRead(id, userId, seq);
        if (marker > before) {
            events.publish(
                    ConversationRead.TYPE, id.toString(), new ConversationRead(id, userId, marker, clock.instant()));
        }
        return new ReadMarkerResponse(id, marker);
    }

    /** Per conversation with anything unread: the others' messages after the marker, and those mentioning the user. */
    @Transactional(readOnly = true)
    List<UnreadResponse> unread(UUID userId) {
        return conversations.unread(userId).stream()
                .map(u -> new UnreadResponse(
                        u.conversationId(), u.type(), u.lastSeq(), u.lastReadSeq(), u.unreadCount(), u.mentionCount()))
                .toList();
    }

    record ReadMarkerResponse(UUID conversationId, long lastReadSeq) {}

    record UnreadResponse(
            UUID conversationId, String type, long lastSeq, long lastReadSeq, long unreadCount, long mentionCount) {}
}
