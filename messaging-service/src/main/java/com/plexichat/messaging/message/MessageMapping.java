package com.plexichat.messaging.message;

import com.plexichat.messaging.conversation.Conversation;
import com.plexichat.messaging.message.MessageRepository.Message;
import com.plexichat.messaging.message.MessageService.MessageResponse;
import com.plexichat.platform.events.message.MessageSent;
import java.util.List;

/** The message row to what leaves the service: its {@code message.sent} event and its API view, each once. */
final class MessageMapping {

    private MessageMapping() {}

    /** @param replyCount for a reply, its root's replies (clients show it on the root); 0 for a root */
    static MessageSent event(Message m, Conversation conversation, int replyCount) {
        return new MessageSent(
                m.id(),
                m.conversationId(),
                conversation.kind(),
                conversation.organizationId(),
                m.seq(),
                m.authorId(),
                m.content(),
                m.threadRootId(),
                replyCount,
                m.attachments(),
                m.mentions(),
                m.mentionedUserIds(),
                m.clientMsgId(),
                m.createdAt());
    }

    static MessageResponse view(Message m, List<ReactionResponse> reactions) {
        return new MessageResponse(
                m.id(),
                m.conversationId(),
                m.seq(),
                m.authorId(),
                m.content(),
                m.threadRootId(),
                m.replyCount(),
                reactions,
                m.attachments(),
                m.mentions(),
                m.clientMsgId(),
                m.editedAt(),
                m.deleted(),
                m.createdAt());
    }
}
