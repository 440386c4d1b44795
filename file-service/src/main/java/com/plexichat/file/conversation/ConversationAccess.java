package com.plexichat.file.conversation;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Who may read a conversation's files and upload into it. Members (channels) and participants (DMs) come from the
 * replica; anyone else (an organization's admin reading a private channel, a member reading a public channel they did
 * not join, a member added a moment ago) is asked of messaging-service. Whoever may not read gets 404.
 */
@Service
public class ConversationAccess {

    public static final String UPLOAD_FILES = "upload_files";

    private final ConversationReplica replica;
    private final MessagingAccessClient messaging;

    ConversationAccess(ConversationReplica replica, MessagingAccessClient messaging) {
        this.replica = replica;
        this.messaging = messaging;
    }

    /** The permissions of a user who may read the conversation; empty when they may not (or it does not exist). */
    public Optional<List<String>> permissions(UUID conversationId, UUID userId) {
        Optional<ConversationReplica.Conversation> local = replica.find(conversationId);
        Optional<String> role = local.flatMap(c -> replica.memberRole(conversationId, userId));
        if (role.isPresent()) {
            ConversationReplica.Conversation conversation = local.get();
            if (ConversationReplica.DM.equals(conversation.kind())) {
                return Optional.of(List.of(UPLOAD_FILES));
            }
            // An archived channel is read-only: nothing is uploaded into it.
            return Optional.of(conversation.archived() ? List.of() : replica.permissions(conversationId, role.get()));
        }
        return messaging
                .access(conversationId, userId)
                .filter(MessagingAccessClient.RemoteAccess::readable)
                .map(MessagingAccessClient.RemoteAccess::permissions);
    }

    public boolean readable(UUID conversationId, UUID userId) {
        return permissions(conversationId, userId).isPresent();
    }

    /** Whether the user reads any of the conversations: members first (one query), then messaging-service. */
    public boolean readsAny(List<UUID> conversationIds, UUID userId) {
        if (!replica.memberOf(conversationIds, userId).isEmpty()) {
            return true;
        }
        return conversationIds.stream().anyMatch(id -> readable(id, userId));
    }

    /** 404 for a conversation the user cannot read, 403 without {@code upload_files} there. */
    public void requireUpload(UUID conversationId, UUID userId) {
        List<String> permissions = permissions(conversationId, userId)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.NOT_FOUND, "Conversation not found", Map.of("field", "conversation_id")));
        if (!permissions.contains(UPLOAD_FILES)) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "Needs the permission " + UPLOAD_FILES + " in this conversation",
                    Map.of("field", "conversation_id"));
        }
    }
}
