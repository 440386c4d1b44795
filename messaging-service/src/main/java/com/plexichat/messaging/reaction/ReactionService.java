package com.plexichat.messaging.reaction;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.message.MessageService;
import com.plexichat.messaging.message.MessageService.Sent;
import com.plexichat.messaging.message.ReadableMessage;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.message.ReactionAdded;
import com.plexichat.platform.events.message.ReactionRemoved;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reacting to a message and taking it back, each change published keyed by the conversation. */
@Service
class ReactionService {

    /** A {@code :shortcode:}, or one emoji (with its modifiers, joiners and variation selectors). */
    private static final Pattern EMOJI =
            Pattern.compile(":[a-z0-9_+-]{1,32}:|(?=.*[\\p{IsExtended_Pictographic}\\x{1F1E6}-\\x{1F1FF}])"
                    + "[\\p{IsEmoji}\\p{IsEmoji_Component}\\x{200D}\\x{FE0F}\\x{20E3}\\x{E0020}-\\x{E007F}]{1,16}");

    /** Distinct emoji on one message (Mattermost's default); more reactions with those emoji are always fine. */
    static final int MAX_DISTINCT_EMOJI = 50;

    private final MessageService messages;
    private final ReactionRepository reactions;
    private final EventPublisher events;
    private final Clock clock;

    ReactionService(MessageService messages, ReactionRepository reactions, EventPublisher events, Clock clock) {
        this.messages = messages;
        this.reactions = reactions;
        this.events = events;
        this.clock = clock;
    }

    /** @return the message, and whether the reaction is new (false: the user had reacted so already) */
    @Transactional
    Sent react(UUID messageId, String emoji, CurrentUser caller) {
        ReadableMessage message = messages.readable(messageId, caller);
        message.access().requireWritable();
        message.access().require(Conversations.ADD_REACTIONS);
        String valid = validEmoji(emoji);
        if (message.deleted()) {
            throw new ApiException(ErrorCode.BUSINESS_RULE_VIOLATION, "A deleted message takes no reactions");
        }
        if (!reactions.used(messageId, valid)) {
            // A new emoji on the message: the message's reactions take turns here, so two at the 50th make one.
            reactions.lockEmoji(messageId);
            if (!reactions.used(messageId, valid) && reactions.distinctEmoji(messageId) >= MAX_DISTINCT_EMOJI) {
                throw new ApiException(
                        ErrorCode.BUSINESS_RULE_VIOLATION,
                        "A message takes at most " + MAX_DISTINCT_EMOJI + " different emoji",
                        Map.of("reason", "too_many_emoji", "max_distinct_emoji", MAX_DISTINCT_EMOJI));
            }
        }
        Instant now = clock.instant();
        boolean added = reactions.add(messageId, valid, caller.id(), now);
        if (added) {
            events.publish(
                    ReactionAdded.TYPE,
                    message.conversationId().toString(),
                    new ReactionAdded(
                            messageId,
                            message.conversationId(),
                            caller.id(),
                            valid,
                            reactions.count(messageId, valid),
                            now));
        }
        return new Sent(messages.view(messageId, caller.id()), added);
    }

    /** Taking back one's reaction needs no permission; taking back one never made changes nothing. */
    @Transactional
    void unreact(UUID messageId, String emoji, CurrentUser caller) {
        ReadableMessage message = messages.readable(messageId, caller);
        message.access().requireWritable();
        String valid = validEmoji(emoji);
        if (reactions.remove(messageId, valid, caller.id())) {
            events.publish(
                    ReactionRemoved.TYPE,
                    message.conversationId().toString(),
                    new ReactionRemoved(
                            messageId,
                            message.conversationId(),
                            caller.id(),
                            valid,
                            reactions.count(messageId, valid),
                            clock.instant()));
        }
    }

    static String validEmoji(String emoji) {
        if (emoji == null || !EMOJI.matcher(emoji).matches()) {
            throw ApiException.invalid("emoji", "one emoji, or a :shortcode: of a-z, 0-9, _, + and -");
        }
        return emoji;
    }
}
