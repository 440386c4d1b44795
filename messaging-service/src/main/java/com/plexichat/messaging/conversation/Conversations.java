package com.plexichat.messaging.conversation;

import com.plexichat.messaging.conversation.ConversationRepository.Conversation;
import com.plexichat.messaging.conversation.ConversationRepository.Member;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Who may do what in a conversation. Channel membership and permissions come from the replica of
 * channel-service's events; a user the replica does not know in a channel is looked up once at
 * channel-service ({@link ChannelAccessClient}), so a member added a moment ago can post at once. DM
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
    private static final Set<String> WHILE_ARCHIVED = Set.of("manage_members", "manage_channel");

    private final ConversationRepository conversations;
    private final ChannelAccessClient channelService;
    private final Clock clock;

    Conversations(ConversationRepository conversations, ChannelAccessClient channelService, Clock clock) {
        this.conversations = conversations;
        this.channelService = channelService;
        this.clock = clock;
    }

    /** A DM's participants (it never changes them); empty for a channel. */
    public List<UUID> dmParticipants(UUID conversationId) {
        return conversations
                .find(conversationId)
                .filter(ConversationRepository.Conversation::isDm)
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
                .filter(ChannelAccessClient.RemoteAccess::readable)
                .map(remote -> {
                    conversations.upsertChannel(
                            conversationId, remote.organizationId(), remote.type(), clock.instant());
                    Conversation conversation =
                            conversations.find(conversationId).orElseThrow();
                    return new Access(conversation, userId, remote.member(), remote.role(), remote.permissions());
                })
                .orElseThrow(() -> notFound(kind));
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
