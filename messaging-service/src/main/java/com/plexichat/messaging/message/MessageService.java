package com.plexichat.messaging.message;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.conversation.Conversations.Access;
import com.plexichat.messaging.file.Attachments;
import com.plexichat.messaging.knownuser.KnownUsers;
import com.plexichat.messaging.message.MessageRepository.Message;
import com.plexichat.messaging.message.MessageRepository.Reaction;
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
import com.plexichat.platform.events.message.ReactionAdded;
import com.plexichat.platform.events.message.ReactionRemoved;
import com.plexichat.platform.events.settings.LiveSettings;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages of channels and DMs: sending (idempotent per author and {@code client_msg_id}, numbered
 * gap-free per conversation), reading, editing with history, deleting to a tombstone, reactions and
 * threads. Every change is published through the outbox, keyed by the conversation.
 */
@Service
public class MessageService {

    /** Until an administrator sets {@code messages.max_length}. */
    static final int MAX_CONTENT = 4000;

    static final int MAX_ATTACHMENTS = 10;

    /** A {@code :shortcode:}, or one emoji (with its modifiers, joiners and variation selectors). */
    private static final Pattern EMOJI =
            Pattern.compile(":[a-z0-9_+-]{1,32}:|(?=.*[\\p{IsExtended_Pictographic}\\x{1F1E6}-\\x{1F1FF}])"
                    + "[\\p{IsEmoji}\\p{IsEmoji_Component}\\x{200D}\\x{FE0F}\\x{20E3}\\x{E0020}-\\x{E007F}]{1,16}");

    private final MessageRepository messages;
    private final Conversations conversations;
    private final KnownUsers users;
    private final Attachments attachable;
    private final EventPublisher events;
    private final Clock clock;
    private final LiveSettings settings;
    private final SentMessages sent;

    MessageService(
            MessageRepository messages,
            Conversations conversations,
            KnownUsers users,
            Attachments attachable,
            EventPublisher events,
            Clock clock,
            ObjectProvider<LiveSettings> settings,
            SentMessages sent) {
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

    /** One emoji on a message: how many reacted with it, and whether the caller did. */
    public record ReactionResponse(String emoji, long count, boolean me) {}

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

    private Sent send(Access access, SendMessage request, CurrentUser caller) {
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
        Instant now = clock.instant();
        if (messages.delete(messageId, now)) {
            events.publish(
                    MessageDeleted.TYPE,
                    message.conversationId().toString(),
                    new MessageDeleted(message.id(), message.conversationId(), message.seq(), caller.id(), now));
        }
    }

    /** @return the message, and whether the reaction is new (false: the user had reacted so already) */
    @Transactional
    public Sent react(UUID messageId, String emoji, CurrentUser caller) {
        Readable readable = readableMessage(messageId, caller);
        readable.access().require(Conversations.ADD_REACTIONS);
        String valid = validEmoji(emoji, "emoji");
        Message message = readable.message();
        if (message.deleted()) {
            throw new ApiException(ErrorCode.BUSINESS_RULE_VIOLATION, "A deleted message takes no reactions");
        }
        Instant now = clock.instant();
        boolean added = messages.addReaction(messageId, valid, caller.id(), now);
        if (added) {
            events.publish(
                    ReactionAdded.TYPE,
                    message.conversationId().toString(),
                    new ReactionAdded(
                            messageId,
                            message.conversationId(),
                            caller.id(),
                            valid,
                            messages.reactionCount(messageId, valid),
                            now));
        }
        return new Sent(view(message, caller.id()), added);
    }

    /** Taking back one's reaction needs no permission; taking back one never made changes nothing. */
    @Transactional
    public void unreact(UUID messageId, String emoji, CurrentUser caller) {
        Message message = readableMessage(messageId, caller).message();
        String valid = validEmoji(emoji, "emoji");
        if (messages.removeReaction(messageId, valid, caller.id())) {
            Instant now = clock.instant();
            events.publish(
                    ReactionRemoved.TYPE,
                    message.conversationId().toString(),
                    new ReactionRemoved(
                            messageId,
                            message.conversationId(),
                            caller.id(),
                            valid,
                            messages.reactionCount(messageId, valid),
                            now));
        }
    }

    /**
     * A thread: without a cursor, its root and then its first replies, oldest first; with {@code after}
     * or {@code after_seq} the replies after it, with {@code before} those before it (newest first).
     */
    @Transactional
    public Listing thread(UUID messageId, CursorQuery cursor, CurrentUser caller) {
        Message root = rootOf(readableMessage(messageId, caller).message());
        if (!cursor.newest()) {
            return cursorPage(root.conversationId(), root.id(), cursor, caller.id());
        }
        List<Message> replies = messages.page(root.conversationId(), root.id(), null, 0L, cursor.limit() + 1);
        boolean more = replies.size() > cursor.limit();
        List<Message> shown = more ? replies.subList(0, cursor.limit()) : replies;
        List<Message> items = new ArrayList<>();
        items.add(root);
        items.addAll(shown);
        String next = shown.isEmpty() ? null : shown.getLast().id().toString();
        return new Listing(views(items, caller.id()), new CursorPagination(cursor.limit(), more, next, null), null);
    }

    @Transactional
    public Sent reply(UUID messageId, SendMessage request, CurrentUser caller) {
        Readable readable = readableMessage(messageId, caller);
        Message root = rootOf(readable.message());
        return send(
                readable.access(),
                new SendMessage(request.content(), request.attachments(), root.id(), request.clientMsgId()),
                caller);
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

    // --- helpers ----------------------------------------------------------------------------

    private record Readable(Message message, Access access) {}

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

    private Message rootOf(Message message) {
        return message.threadRootId() == null
                ? message
                : messages.find(message.threadRootId()).orElseThrow();
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

    static String validEmoji(String emoji, String field) {
        if (emoji == null || !EMOJI.matcher(emoji).matches()) {
            throw ApiException.invalid(field, "one emoji, or a :shortcode: of a-z, 0-9, _, + and -");
        }
        return emoji;
    }

    private MessageResponse view(Message message, UUID userId) {
        return views(List.of(message), userId).getFirst();
    }

    private List<MessageResponse> views(List<Message> list, UUID userId) {
        Map<UUID, List<Reaction>> reactions =
                messages.reactions(list.stream().map(Message::id).toList(), userId);
        return list.stream()
                .map(m -> MessageMapping.view(
                        m,
                        reactions.getOrDefault(m.id(), List.of()).stream()
                                .map(r -> new ReactionResponse(r.emoji(), r.count(), r.me()))
                                .toList()))
                .toList();
    }
}
