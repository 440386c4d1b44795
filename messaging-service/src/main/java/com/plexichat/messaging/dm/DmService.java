package com.plexichat.messaging.dm;

import com.plexichat.messaging.conversation.ConversationRepository;
import com.plexichat.messaging.conversation.ConversationRepository.Conversation;
import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.knownuser.KnownUsers;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.message.DmCreated;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Direct-message conversations: a fixed set of 2 to 9 participants (the caller and 1 to 8 others). The
 * same set is always the same conversation, however often or concurrently it is asked for.
 */
@Service
class DmService {

    static final int MAX_OTHERS = 8;
    static final String PARTICIPANT = "participant";

    private final ConversationRepository conversations;
    private final Conversations access;
    private final KnownUsers users;
    private final EventPublisher events;
    private final Clock clock;

    DmService(
            ConversationRepository conversations,
            Conversations access,
            KnownUsers users,
            EventPublisher events,
            Clock clock) {
        this.conversations = conversations;
        this.access = access;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    record DmView(UUID id, List<UUID> participantIds, long lastSeq, Instant lastMessageAt, Instant createdAt) {}

    record Page(List<DmView> items, Pagination pagination) {}

    /** @param created false when the participants had a conversation already */
    record Opened(DmView conversation, boolean created) {}

    @Transactional
    Opened open(List<UUID> participantIds, CurrentUser caller) {
        if (caller.apiKey()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Direct messages are between users, not API keys");
        }
        Set<UUID> others = new HashSet<>(participantIds);
        others.remove(caller.id());
        if (others.isEmpty() || others.size() > MAX_OTHERS) {
            throw ApiException.invalid("participant_ids", "1 to " + MAX_OTHERS + " users besides yourself");
        }
        if (users.existing(others).size() != others.size()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such user", Map.of("field", "participant_ids"));
        }
        Set<UUID> everyone = new TreeSet<>(others);
        everyone.add(caller.id());
        String key = everyone.stream().map(UUID::toString).collect(Collectors.joining(","));
        var existing = conversations.findDm(key);
        if (existing.isPresent()) {
            return new Opened(view(existing.get()), false);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        if (!conversations.insertDm(id, key, caller.id(), now)) {
            // Asked for at the same moment by another request, which made it.
            return new Opened(view(conversations.findDm(key).orElseThrow()), false);
        }
        for (UUID participant : everyone) {
            conversations.addMember(id, participant, PARTICIPANT, PARTICIPANT, now);
        }
        events.publish(DmCreated.TYPE, id.toString(), new DmCreated(id, List.copyOf(everyone), caller.id(), now));
        return new Opened(view(conversations.find(id).orElseThrow()), true);
    }

    @Transactional(readOnly = true)
    Page mine(CurrentUser caller, PageQuery page) {
        List<DmView> items = conversations.dmsOf(caller.id(), page.offset(), page.perPage()).stream()
                .map(this::view)
                .toList();
        return new Page(items, Pagination.of(page, conversations.countDms(caller.id())));
    }

    @Transactional
    DmView get(UUID id, CurrentUser caller) {
        return view(access.readable(id, caller.id(), Conversations.DM).conversation());
    }

    private DmView view(Conversation conversation) {
        return new DmView(
                conversation.id(),
                conversations.memberIds(conversation.id()),
                conversation.lastSeq(),
                conversation.lastMessageAt(),
                conversation.createdAt());
    }
}
