package com.plexichat.messaging.dm;

import com.plexichat.messaging.conversation.Conversation;
import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.knownuser.KnownUsers;
import com.plexichat.messaging.orgmember.OrgMembers;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.admin.PlatformSettings;
import com.plexichat.platform.events.message.DmCreated;
import com.plexichat.platform.events.settings.LiveSettings;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Direct-message conversations: a fixed set of 2 to 9 participants (the caller and 1 to 8 others). The
 * same set is always the same conversation, however often or concurrently it is asked for. By default (the
 * directory setting) a user opens one only with people who share an organization with them; administrators with
 * anyone. Conversations already open stay readable when that changes.
 */
@Service
class DmService {

    static final int MAX_OTHERS = 8;

    private final Conversations conversations;
    private final KnownUsers users;
    private final OrgMembers orgMembers;
    private final EventPublisher events;
    private final Clock clock;
    private final LiveSettings settings;

    DmService(
            Conversations conversations,
            KnownUsers users,
            OrgMembers orgMembers,
            EventPublisher events,
            Clock clock,
            ObjectProvider<LiveSettings> settings) {
        this.conversations = conversations;
        this.users = users;
        this.orgMembers = orgMembers;
        this.events = events;
        this.clock = clock;
        this.settings = settings.getIfAvailable();
    }

    record DmResponse(UUID id, List<UUID> participantIds, long lastSeq, Instant lastMessageAt, Instant createdAt) {}

    record Page(List<DmResponse> items, Pagination pagination) {}

    /** @param created false when the participants had a conversation already */
    record Opened(DmResponse conversation, boolean created) {}

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
        // Someone the caller may not see is answered as no one: the 404 says nothing of who exists.
        if (users.existing(others).size() != others.size()
                || !(seesEveryone(caller) || orgMembers.eachSharesAnOrganizationWith(caller.id(), others))) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No such user", Map.of("field", "participant_ids"));
        }
        TreeSet<UUID> everyone = new TreeSet<>(others);
        everyone.add(caller.id());
        Instant now = clock.instant();
        Conversations.OpenedDm opened = conversations.openDm(everyone, caller.id(), now);
        if (opened.created()) {
            UUID id = opened.conversation().id();
            events.publish(DmCreated.TYPE, id.toString(), new DmCreated(id, List.copyOf(everyone), caller.id(), now));
        }
        return new Opened(view(opened.conversation()), opened.created());
    }

    @Transactional(readOnly = true)
    Page mine(CurrentUser caller, PageQuery page) {
        List<DmResponse> items = conversations.dmsOf(caller.id(), page.offset(), page.perPage()).stream()
                .map(this::view)
                .toList();
        return new Page(items, Pagination.of(page, conversations.countDms(caller.id())));
    }

    @Transactional
    DmResponse get(UUID id, CurrentUser caller) {
        return view(conversations.readable(id, caller.id(), Conversations.DM).conversation());
    }

    private boolean seesEveryone(CurrentUser caller) {
        return caller.isAdmin() || (settings != null && PlatformSettings.Directory.open(settings.current()));
    }

    private DmResponse view(Conversation conversation) {
        return new DmResponse(
                conversation.id(),
                conversations.memberIds(conversation.id()),
                conversation.lastSeq(),
                conversation.lastMessageAt(),
                conversation.createdAt());
    }
}
