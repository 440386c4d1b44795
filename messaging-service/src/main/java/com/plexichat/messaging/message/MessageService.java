package com.plexichat.messaging.message;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.conversation.Conversations.Access;
import com.plexichat.messaging.file.Attachments;
import com.plexichat.messaging.knownuser.KnownUsers;
import com.plexichat.messaging.message.MessageRepository.Message;
import com.plexichat.messaging.message.MessageRepository.Version;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.CursorPagination;
import com.plexichat.platform.api.CursorQuery;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.message.MessageDeleted;
import com.plexichat.platform.events.message.MessageEdited;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.events.settings.LiveSettings;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages of channels and DMs: sending (idempotent per author and {@code client_msg_id}, numbered
 * gap-free per conversation), reading, editing with history and deleting to a tombstone. Every change is published
 * through the outbox, keyed by the conversation. The reaction and thread features act on messages through the
 * public methods here ({@link #readable}, {@link #view}, {@link #page}, {@link #send(Access, SendMessage,
 * CurrentUser)}).
 */
@Service
public class MessageService {

    /** Until an administrator sets {@code messages.max_length}. */
    static final int MAX_CONTENT = 4000;

    static final int MAX_ATTACHMENTS = 10;

    private final MessageRepository messages;
    private final Conversations conversations;
    private final KnownUsers users;
    private final Attachments attachable;
    private final EventPublisher events;
    private final Clock clock;
    private final LiveSettings settings;
    private final SentMessages sent;
    private final MessageReactions reactions;

    MessageService(
            MessageRepository messages,
            Conversations conversations,
            KnownUsers users,
            Attachments attachable,
            EventPublisher events,
            Clock clock,
            ObjectProvider<LiveSettings> settings,
            SentMessages sent,
            MessageReactions reactions) {
        this.reactions = reactions;
        this.settings = settings.getIfAvailable();
        this.sent = sent;
        this.messages = messages;
        this.conversations = conversations;
        this.users = users;
        this.attachable = attachable;
        this.events = events;
        this.clock = clock;
    }

    /** A message as the caller sees it ({@code me} in reactions is theirs). Tombstones have no content. */
    public record MessageResponse(
            UUID id,
            UUID conversationId,
            long seq,
            UUID authorId,
            String content,
            UUID threadRootId,
            int replyCount,
            List<ReactionResponse> reactions,
            List<UUID> attachments,
            List<String> mentions,
            String clientMsgId,
            Instant editedAt,
            boolean deleted,
            Instant createdAt) {}

    public record SendMessage(String content, List<UUID> attachments, UUID threadRootId, String clientMsgId) {}

    /** @param created false when the author's {@code client_msg_id} named an earlier message */
    public record Sent(MessageResponse message, boolean created) {}

    public record Listing(List<MessageResponse> items, CursorPagination cursor, Pagination page) {}

    public record VersionResponse(int version, String content, Instant writtenAt, boolean current) {}

    @Transactional
    public Sent send(UUID conversationId, String kind, SendMessage request, CurrentUser caller) {
        Access access = conversations.readable(conversationId, caller.id(), kind);
        return send(access, request, caller);
    }

    /** A send into a conversation whose access the caller has shown (a thread's reply: its root's). */
    @Transactional
    public Sent send(Access access, SendMessage request, CurrentUser caller) {
        access.requireWritable();
        access.require(Conversations.POST_MESSAGES);
        String content = validContent(request.content(), maxContent());
        List<UUID> attachments = request.attachments() == null ? List.of() : List.copyOf(request.attachments());
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw ApiException.invalid("attachments", "at most " + MAX_ATTACHMENTS + " files");
        }
        if (!attachments.isEmpty()) {
            access.require(Conversations.UPLOAD_FILES);
            attachable.requireAttachable(attachments, caller.id());
        }
        UUID conversationId = access.conversation().id();
        conversations.lock(conversationId);
        if (request.clientMsgId() != null) {
            var earlier = messages.findByClientMsgId(conversationId, caller.id(), request.clientMsgId());
            if (earlier.isPresent()) {
                return new Sent(view(earlier.get(), caller.id()), false);
            }
        }
        UUID rootId = null;
        if (request.threadRootId() != null) {
            Message root = messages.find(request.threadRootId())
                    .filter(m -> m.conversationId().equals(conversationId))
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.NOT_FOUND, "No such message here", Map.of("field", "thread_root_id")));
            // A reply to a reply joins the thread of its root: threads are one level deep.
            rootId = root.threadRootId() != null ? root.threadRootId() : root.id();
        }
        // PostgreSQL keeps microseconds: the answer shows the time as every later read will.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = conversations.nextSeq(conversationId, now);
        Mentions mentions = Mentions.in(content);
        List<UUID> mentioned =
                List.copyOf(users.byUsername(mentions.usernames()).values());
        Message message = new Message(
                UUID.randomUUID(),
                conversationId,
                seq,
                caller.id(),
                content,
                rootId,
                0,
                attachments,
                mentions.all(),
                mentioned,
                mentions.channel(),
                request.clientMsgId(),
                null,
                false,
                now);
        messages.insert(message);
        int replyCount = rootId == null ? 0 : messages.countReply(rootId, now);
        // Whoever writes has read the conversation up to their message.
        conversations.markRead(conversationId, caller.id(), seq);
        events.publish(
                MessageSent.TYPE,
                conversationId.toString(),
                MessageMapping.event(message, access.conversation(), replyCount));
        sent.countAfterCommit(access.conversation().kind());
        // A new message has no reactions and no edits: no need to read it back.
        return new Sent(MessageMapping.view(message, List.of()), true);
    }

    @Transactional
    public Listing list(UUID conversationId, String kind, CursorQuery cursor, PageQuery page, CurrentUser caller) {
        Access access = conversations.readable(conversationId, caller.id(), kind);
        UUID id = access.conversation().id();
        if (page != null) {
            List<MessageResponse> items = views(messages.page(id, page.offset(), page.perPage()), caller.id());
            return new Listing(items, null, Pagination.of(page, messages.count(id)));
        }
        return cursorPage(id, null, cursor, caller.id());
    }

    @Transactional
    public MessageResponse get(UUID messageId, CurrentUser caller) {
        Message message = readableMessage(messageId, caller).message();
        return view(message, caller.id());
    }

    @Transactional
    public MessageResponse edit(UUID messageId, String newContent, CurrentUser caller) {
        Readable readable = readableMessage(messageId, caller);
        Message message = readable.message();
        if (!message.authorId().equals(caller.id())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only its author edits a message");
        }
        readable.access().requireWritable();
        // Editing is posting again: an author who may no longer post may no longer edit.
        readable.access().require(Conversations.POST_MESSAGES);
        if (message.deleted()) {
            throw new ApiException(ErrorCode.BUSINESS_RULE_VIOLATION, "A deleted message cannot be edited");
        }
        long window = editWindowSeconds();
        if (window > 0 && clock.instant().isAfter(message.createdAt().plusSeconds(window))) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "Messages can be edited for " + window + " s after sending",
                    Map.of("reason", "edit_window_passed", "edit_window_seconds", window));
        }
        String content = validContent(newContent, maxContent());
        if (!content.equals(message.content())) {
            Instant now = clock.instant();
            Mentions mentions = Mentions.in(content);
            List<UUID> mentioned =
                    List.copyOf(users.byUsername(mentions.usernames()).values());
            messages.edit(message, content, mentions.all(), mentioned, mentions.channel(), now);
            events.publish(
                    MessageEdited.TYPE,
                    message.conversationId().toString(),
                    new MessageEdited(message.id(), message.conversationId(), message.seq(), content, now));
        }
        return view(messages.find(messageId).orElseThrow(), caller.id());
    }

    @Transactional
    public List<VersionResponse> history(UUID messageId, CurrentUser caller) {
        Message message = readableMessage(messageId, caller).message();
        List<VersionResponse> versions = new ArrayList<>();
        for (Version version : messages.history(messageId)) {
            versions.add(new VersionResponse(version.version(), version.content(), version.writtenAt(), false));
        }
        if (!message.deleted()) {
            versions.add(new VersionResponse(
                    versions.size() + 1,
                    message.content(),
                    message.editedAt() == null ? message.createdAt() : message.editedAt(),
                    true));
        }
        return versions;
    }

    /** The author, or an admin of the channel, deletes; deleting a tombstone again changes nothing. */
    @Transactional
    public void delete(UUID messageId, CurrentUser caller) {
        Readable readable = readableMessage(messageId, caller);
        Message message = readable.message();
        if (!message.authorId().equals(caller.id()) && !readable.access().isChannelAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only its author or a channel admin deletes a message");
        }
        readable.access().requireWritable();
        Instant now = clock.instant();
        boolean deleted = messages.delete(messageId, now);
        reactions.removeAll(messageId);
        if (deleted) {
            events.publish(
                    MessageDeleted.TYPE,
                    message.conversationId().toString(),
                    new MessageDeleted(message.id(), message.conversationId(), message.seq(), caller.id(), now));
        }
    }

    /**
     * What a socket missed after a seq, oldest first, as {@code message.sent} carries it (edits applied;
     * a deleted message comes without content, keeping its seq). A reply carries its root's reply count.
     */
    @Transactional(readOnly = true)
    public List<MessageSent> replay(UUID conversationId, long afterSeq, int limit) {
        var conversation = conversations.get(conversationId);
        Map<UUID, Integer> rootCounts = new java.util.HashMap<>();
        List<MessageSent> missed = new ArrayList<>();
        for (Message m : messages.page(conversationId, null, null, afterSeq, limit)) {
            int replyCount = m.threadRootId() == null
                    ? 0
                    : rootCounts.computeIfAbsent(
                            m.threadRootId(),
                            root -> messages.find(root).map(Message::replyCount).orElse(0));
            missed.add(MessageMapping.event(m, conversation, replyCount));
        }
        return missed;
    }

    // --- for the reaction and thread features ------------------------------------------------

    /** The message if the caller may read its conversation; 404 otherwise, as for a message that does not exist. */
    public ReadableMessage readable(UUID messageId, CurrentUser caller) {
        return readable(readableMessage(messageId, caller));
    }

    /** The root of the message's thread (the message itself when it is a root). */
    public ReadableMessage threadRoot(ReadableMessage message) {
        if (message.threadRootId() == null) {
            return message;
        }
        Message root = messages.find(message.threadRootId()).orElseThrow();
        return readable(new Readable(root, message.access()));
    }

    /** The root, then the first replies of its thread, oldest first. */
    public Listing threadStart(ReadableMessage root, int limit, UUID userId) {
        List<Message> replies = messages.page(root.conversationId(), root.id(), null, 0L, limit + 1);
        boolean more = replies.size() > limit;
        List<Message> shown = more ? replies.subList(0, limit) : replies;
        List<Message> items = new ArrayList<>();
        items.add(messages.find(root.id()).orElseThrow());
        items.addAll(shown);
        String next = shown.isEmpty() ? null : shown.getLast().id().toString();
        return new Listing(views(items, userId), new CursorPagination(limit, more, next, null), null);
    }

    public MessageResponse view(UUID messageId, UUID userId) {
        return view(messages.find(messageId).orElseThrow(), userId);
    }

    /**
     * A page of a conversation (or of one thread's replies when {@code threadRootId} is given), by cursor: a
     * message id before or after which to read, or a seq after which to read.
     */
    public Listing page(UUID conversationId, UUID threadRootId, CursorQuery cursor, UUID userId) {
        return cursorPage(conversationId, threadRootId, cursor, userId);
    }

    // --- helpers ----------------------------------------------------------------------------

    private record Readable(Message message, Access access) {}

    private static ReadableMessage readable(Readable readable) {
        Message m = readable.message();
        return new ReadableMessage(
                m.id(), m.conversationId(), m.seq(), m.authorId(), m.threadRootId(), m.deleted(), readable.access());
    }

    private Readable readableMessage(UUID messageId, CurrentUser caller) {
        Message message =
                messages.find(messageId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Message not found"));
        Access access;
        try {
            access = conversations.readable(message.conversationId(), caller.id(), null);
        } catch (ApiException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Message not found");
        }
        return new Readable(message, access);
    }

    private Listing cursorPage(UUID conversationId, UUID threadRootId, CursorQuery cursor, UUID userId) {
        Long beforeSeq = null;
        Long afterSeq = cursor.afterSeq();
        if (cursor.before() != null) {
            beforeSeq = anchor(cursor.before(), conversationId, "before");
        } else if (cursor.after() != null) {
            afterSeq = anchor(cursor.after(), conversationId, "after");
        }
        List<Message> found = messages.page(conversationId, threadRootId, beforeSeq, afterSeq, cursor.limit() + 1);
        boolean more = found.size() > cursor.limit();
        List<Message> items = more ? found.subList(0, cursor.limit()) : found;
        String next = items.isEmpty() ? null : items.getLast().id().toString();
        String prev = items.isEmpty() ? null : items.getFirst().id().toString();
        return new Listing(views(items, userId), new CursorPagination(cursor.limit(), more, next, prev), null);
    }

    /** The seq of a cursor's message, which must be of this conversation. */
    private long anchor(UUID messageId, UUID conversationId, String field) {
        return messages.find(messageId)
                .filter(m -> m.conversationId().equals(conversationId))
                .map(Message::seq)
                .orElseThrow(() -> ApiException.invalid(field, "not a message of this conversation"));
    }

    /** The administrator's limits (docs/admin.md), or this service's own until they have set any. */
    private int maxContent() {
        return settings == null
                ? MAX_CONTENT
                : settings.current().map(s -> s.messages().maxLength()).orElse(MAX_CONTENT);
    }

    private long editWindowSeconds() {
        return settings == null
                ? 0
                : settings.current().map(s -> s.messages().editWindowSeconds()).orElse(0L);
    }

    private static String validContent(String content, int maxContent) {
        if (content == null || content.isBlank()) {
            throw ApiException.invalid("content", "must not be blank");
        }
        if (content.codePointCount(0, content.length()) > maxContent) {
            throw ApiException.invalid("content", "at most " + maxContent + " characters");
        }
        if (content.indexOf('\u0000') >= 0) {
            throw ApiException.invalid("content", "must not contain NUL characters");
        }
        return content;
    }

    private MessageResponse view(Message message, UUID userId) {
        return views(List.of(message), userId).getFirst();
    }

    private List<MessageResponse> views(List<Message> list, UUID userId) {
        Map<UUID, List<ReactionResponse>> byMessage =
                reactions.of(list.stream().map(Message::id).toList(), userId);
        return list.stream()
                .map(m -> MessageMapping.view(m, byMessage.getOrDefault(m.id(), List.of())))
                .toList();
    }
}
