package com.plexichat.messaging.thread;

import com.plexichat.messaging.message.MessageService;
import com.plexichat.messaging.message.MessageService.Listing;
import com.plexichat.messaging.message.MessageService.SendMessage;
import com.plexichat.messaging.message.MessageService.Sent;
import com.plexichat.messaging.message.ReadableMessage;
import com.plexichat.platform.api.CursorQuery;
import com.plexichat.platform.security.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Threads, one level deep: a reply to a reply joins its root's thread. Replies are messages of the conversation
 * (numbered with it, sent as it is); the root counts them.
 */
@Service
class ThreadService {

    private final MessageService messages;

    ThreadService(MessageService messages) {
        this.messages = messages;
    }

    /**
     * Without a cursor, the root and then its first replies, oldest first; with {@code after} or {@code after_seq}
     * the replies after it, with {@code before} those before it (newest first).
     */
    @Transactional
    Listing thread(UUID messageId, CursorQuery cursor, CurrentUser caller) {
        ReadableMessage root = messages.threadRoot(messages.readable(messageId, caller));
        if (!cursor.newest()) {
            return messages.page(root.conversationId(), root.id(), cursor, caller.id());
        }
        return messages.threadStart(root, cursor.limit(), caller.id());
    }

    @Transactional
    Sent reply(UUID messageId, SendMessage request, CurrentUser caller) {
        ReadableMessage root = messages.threadRoot(messages.readable(messageId, caller));
        return messages.send(
                root.access(),
                new SendMessage(request.content(), request.attachments(), root.id(), request.clientMsgId()),
                caller);
    }
}
