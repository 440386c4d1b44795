package com.plexichat.messaging.conversation;

import com.plexichat.messaging.conversation.ConversationRepository.Member;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The conversation feature's API: who may do what in a conversation, the numbering of its messages, its members and
 * their read markers, and DMs. Other features call this, never the repository. Who may do what in a conversation: Channel membership and permissions come from the replica of
 * channel-service's events; a user the replica does not know in a channel is looked up once at
 * channel-service ({@link ChannelAccess}), so a member added a moment ago can post at once. DM
 * participants may do everything a conversation offers. Whoever may not read gets 404.
 */
@Service
public class Conversations {

    public static final String DM = "dm";
    public static final String CHANNEL = "channel";

    public static final String POST_MESSAGES = "post_messages";
    public static final String ADD_REACTIONS = "add_reactions";
    public static final String UPLOAD_FILES = "upload_files";
    public static final String PIN_MESSAGES = "pin_messages";

    private static final List<String> DM_PERMISSIONS =
            List.of(POST_MESSAGES, ADD_REACTIONS, UPLOAD_FILES, PIN_MESSAGES);
    private static final String DM_PARTICIPANT = "participant";
    private static final Set<String> WHILE_ARCHIVED = Set.of("manage_members", "manage_channel");

    private final ConversationRepository conversations;
    private final ChannelAccess channelService;
    private final Clock clock;

    Conversations(ConversationRepository conversations, ChannelAccess channelService, Clock clock) {
        this.conversations = conversations;
        this.channelService = channelService;
        this.clock = clock;
    }

    /** A DM's participants (it never changes them); empty for a channel. */
    public List<UUID> dmParticipants(UUID conversationId) {
        return conversations
                .find(conversationId)
                .filter(Conversation::isDm)
                .map(c -> conversations.memberIds(conversationId))
                .orElse(List.of());
    }

    /** What one user may do in one conversation. */
    public record Access(
            Conversation conversation, UUID userId, boolean member, String role, List<String> permissions) {

        public boolean can(String permission) {
            return permissions.contains(permission);
        }

        public boolean isChannelAdmin() {
            return "admin".equals(role);
        }

        /**
         * An archived channel is read-only for everyone, its admins included: nothing is posted, edited, deleted
         * or reacted to until it is unarchived.
         */
        public void requireWritable() {
            if (conversation.archived()) {
                throw new ApiException(
                        ErrorCode.BUSINESS_RULE_VIOLATION,
                        "The channel is archived: it is read-only until unarchived",
                        Map.of("reason", "channel_archived"));
            }
        }

        public void require(String permission) {
            if (!can(permission)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Needs the permission " + permission);
            }
        }
    }

    /**
     * The user's access to a conversation they may read; 404 otherwise (and for a conversation of
     * another kind than asked: a DM id on a channel path).
     */
    public Access readable(UUID conversationId, UUID userId, String kind) {
        Optional<Conversation> local = conversations.find(conversationId);
        Optional<Member> member = local.flatMap(c -> conversations.member(conversationId, userId));
        if (local.isPresent() && member.isPresent()) {
            Conversation conversation = local.get();
            requireKind(conversation, kind);
            return new Access(conversation, userId, true, member.get().role(), permissions(conversation, member.get()));
        }
        if (DM.equals(kind) || local.filter(Conversation::isDm).isPresent()) {
            throw notFound(kind);
        }
        return channelService
                .access(conversationId, userId)
                .filter(ChannelAccess.RemoteAccess::readable)
                .map(remote -> {
                    conversations.upsertChannel(
                            conversationId, remote.organizationId(), remote.type(), clock.instant());
                    Conversation conversation =
                            conversations.find(conversationId).orElseThrow().archived(remote.archived());
                    return new Access(conversation, userId, remote.member(), remote.role(), remote.permissions());
                })
                .orElseThrow(() -> notFound(kind));
    }

    // --- appending: one conversation's sends take turns, and each gets the next number -------------

    /** Locks the conversation for this transaction: sends to it take turns (idempotency and numbering). */
    public void lock(UUID conversationId) {
        conversations.lock(conversationId).orElseThrow();
    }

    /** The next message number of a conversation locked by {@link #lock}, and its last activity now. */
    public long nextSeq(UUID conversationId, Instant now) {
        return conversations.nextSeq(conversationId, now);
    }

    public Conversation get(UUID conversationId) {
        return conversations.find(conversationId).orElseThrow();
    }

    // --- members --------------------------------------------------------------------------------

    public List<UUID> memberIds(UUID conversationId) {
        return conversations.memberIds(conversationId);
    }

    /** The candidates who share at least one conversation with the user (who sees their presence). */
    public List<UUID> sharingAConversation(UUID userId, Collection<UUID> candidates) {
        return conversations.sharingAConversation(userId, candidates);
    }

    // --- read markers ---------------------------------------------------------------------------

    public long lastReadSeq(UUID conversationId, UUID userId) {
        return conversations
                .member(conversationId, userId)
                .map(Member::lastReadSeq)
                .orElse(0L);
    }

    /** Moves the user's read marker forward only, never past the last message. @return the marker now */
    public long markRead(UUID conversationId, UUID userId, long seq) {
        return conversations.markRead(conversationId, userId, seq);
    }

    public List<Unread> unread(UUID userId) {
        return conversations.unread(userId);
    }

    // --- DMs ------------------------------------------------------------------------------------

    /** A DM's conversation, and whether this call created it. */
    public record OpenedDm(Conversation conversation, boolean created) {}

    /**
     * The one DM between exactly these users (the caller among them), created with them as participants if there
     * is none: two requests at the same moment make one.
     */
    public OpenedDm openDm(SortedSet<UUID> everyone, UUID createdBy, Instant now) {
        String key = everyone.stream().map(UUID::toString).collect(Collectors.joining(","));
        Optional<Conversation> existing = conversations.findDm(key);
        if (existing.isPresent()) {
            return new OpenedDm(existing.get(), false);
        }
        UUID id = UUID.randomUUID();
        if (!conversations.insertDm(id, key, createdBy, now)) {
            return new OpenedDm(conversations.findDm(key).orElseThrow(), false);
        }
        for (UUID participant : everyone) {
            conversations.addMember(id, participant, DM_PARTICIPANT, DM_PARTICIPANT, now);
        }
        return new OpenedDm(conversations.find(id).orElseThrow(), true);
    }

    public List<Conversation> dmsOf(UUID userId, long offset, int limit) {
        return conversations.dmsOf(userId, offset, limit);
    }

    public long countDms(UUID userId) {
        return conversations.countDms(userId);
    }

    private List<String> permissions(Conversation conversation, Member member) {
        if (conversation.isDm()) {
            return DM_PERMISSIONS;
        }
        List<String> granted = new ArrayList<>(conversations.permissions(conversation.id(), member.permissionRole()));
        if (conversation.archived()) {
            granted.retainAll(WHILE_ARCHIVED);
        }
        return granted;
    }

    private static void requireKind(Conversation conversation, String kind) {
        if (kind != null && !kind.equals(conversation.kind())) {
            throw notFound(kind);
        }
    }

    private static ApiException notFound(String kind) {
        return new ApiException(ErrorCode.NOT_FOUND, DM.equals(kind) ? "Conversation not found" : "Channel not found");
    }
}
