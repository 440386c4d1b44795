package com.plexichat.call.call;

import com.plexichat.call.access.ConversationAccess;
import com.plexichat.call.access.ConversationAccess.ChannelAccess;
import com.plexichat.call.call.CallRepository.Call;
import com.plexichat.call.ice.IceServers;
import com.plexichat.call.room.ParticipantResponse;
import com.plexichat.call.room.Participants;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.call.CallEnded;
import com.plexichat.platform.events.call.CallParticipantJoined;
import com.plexichat.platform.events.call.CallParticipantLeft;
import com.plexichat.platform.events.call.CallStarted;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calls in channels and DMs. One live (ringing or active) call per conversation. A DM call rings its other
 * participants until one joins (active), all of them decline (declined), or {@code ring-timeout} passes (missed); a
 * channel call is active at once. The starter is its first participant; when the last one leaves it ends.
 */
@Service
public class CallService {

    static final Set<String> TYPES = Set.of("voice", "video");
    static final Set<String> STATUSES = Set.of(
            CallRepository.RINGING,
            CallRepository.ACTIVE,
            CallRepository.ENDED,
            CallRepository.MISSED,
            CallRepository.DECLINED);

    private final CallRepository calls;
    private final ConversationAccess access;
    private final Participants participants;
    private final IceServers iceServers;
    private final EventPublisher events;
    private final Clock clock;

    CallService(
            CallRepository calls,
            ConversationAccess access,
            Participants participants,
            IceServers iceServers,
            EventPublisher events,
            Clock clock) {
        this.calls = calls;
        this.access = access;
        this.participants = participants;
        this.iceServers = iceServers;
        this.events = events;
        this.clock = clock;
    }

    record Page(List<CallRecords.CallResponse> items, Pagination pagination) {}

    /** Who the call is in, and the caller's place in it. */
    private record Where(UUID conversationId, String conversationType, UUID organizationId, List<UUID> others) {}

    @Transactional
    CallRecords.CallJoinResponse start(CallRecords.StartCall request, UUID caller) {
        if ((request.channelId() == null) == (request.conversationId() == null)) {
            throw ApiException.invalid("channel_id", "give channel_id (a channel) or conversation_id (a DM), not both");
        }
        if (request.type() == null || !TYPES.contains(request.type())) {
            throw ApiException.invalid("type", "voice or video");
        }
        Where where = request.channelId() != null
                ? channelForCalls(request.channelId(), caller)
                : dmForCalls(request.conversationId(), caller);
        calls.live(where.conversationId()).ifPresent(CallService::alreadyLive);
        Instant now = now();
        boolean dm = "dm".equals(where.conversationType());
        Call call = new Call(
                UUID.randomUUID(),
                where.conversationId(),
                where.conversationType(),
                where.organizationId(),
                request.type(),
                dm ? CallRepository.RINGING : CallRepository.ACTIVE,
                caller,
                now,
                null,
                List.of());
        try {
            calls.insert(call);
        } catch (DuplicateKeyException raced) {
            calls.live(where.conversationId()).ifPresent(CallService::alreadyLive);
            throw raced;
        }
        events.publish(
                CallStarted.TYPE,
                call.id().toString(),
                new CallStarted(
                        call.id(),
                        call.conversationId(),
                        call.conversationType(),
                        call.type(),
                        call.status(),
                        caller,
                        dm ? where.others() : List.of(),
                        now));
        Participants.Joined joined = participants.join(call.id(), Participants.CALL, caller, now);
        events.publish(
                CallParticipantJoined.TYPE,
                call.id().toString(),
                new CallParticipantJoined(call.id(), call.conversationId(), caller, now));
        return new CallRecords.CallJoinResponse(
                view(call), joined.participant().sessionId(), iceServers.forUser(caller));
    }

    @Transactional
    CallRecords.CallJoinResponse join(UUID callId, UUID caller) {
        Call call = calls.lock(callId).filter(c -> mayJoin(c, caller)).orElseThrow(CallService::notFound);
        if (!call.live()) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "The call is over (" + call.status() + ")",
                    Map.of("reason", "call_over", "status", call.status()));
        }
        Instant now = now();
        Participants.Joined joined = participants.join(call.id(), Participants.CALL, caller, now);
        if (joined.joined()) {
            events.publish(
                    CallParticipantJoined.TYPE,
                    call.id().toString(),
                    new CallParticipantJoined(call.id(), call.conversationId(), caller, now));
        }
        if (CallRepository.RINGING.equals(call.status()) && !caller.equals(call.startedBy())) {
            calls.status(call.id(), CallRepository.ACTIVE, null);
            call = calls.find(call.id()).orElseThrow();
        }
        return new CallRecords.CallJoinResponse(
                view(call), joined.participant().sessionId(), iceServers.forUser(caller));
    }

    /** Leaving a call one is not in changes nothing; the last one out ends it. */
    @Transactional
    void leave(UUID callId, UUID caller) {
        Call call = calls.lock(callId).filter(c -> mayRead(c, caller)).orElseThrow(CallService::notFound);
        leave(call, caller, "left");
    }

    /** The user's signaling socket closed or went silent ({@code reason}: {@code left}, {@code timed_out}). */
    @Transactional
    public void departed(UUID callId, UUID userId, String reason) {
        calls.lock(callId).ifPresent(call -> leave(call, userId, reason));
    }

    private void leave(Call call, UUID caller, String reason) {
        Instant now = now();
        participants
                .leave(call.id(), caller, now)
                .ifPresent(left -> events.publish(
                        CallParticipantLeft.TYPE,
                        call.id().toString(),
                        new CallParticipantLeft(call.id(), call.conversationId(), caller, reason, now)));
        if (call.live() && participants.present(call.id()).isEmpty()) {
            // Hung up before anybody answered: missed for the others.
            end(call, CallRepository.RINGING.equals(call.status()) ? CallRepository.MISSED : CallRepository.ENDED, now);
        }
    }

    /** A rung participant says no; when all of them have, the call ends as declined. */
    @Transactional
    CallRecords.CallResponse decline(UUID callId, UUID caller) {
        Call call = calls.lock(callId).filter(c -> mayRead(c, caller)).orElseThrow(CallService::notFound);
        if (!"dm".equals(call.conversationType()) || caller.equals(call.startedBy())) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "Only someone a DM call rings can decline it",
                    Map.of("reason", "not_rung"));
        }
        if (!CallRepository.RINGING.equals(call.status())) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "The call is not ringing (" + call.status() + ")",
                    Map.of("reason", "not_ringing", "status", call.status()));
        }
        calls.declined(call.id(), caller);
        Call updated = calls.find(call.id()).orElseThrow();
        if (updated.declinedBy().containsAll(others(call))) {
            end(updated, CallRepository.DECLINED, now());
            updated = calls.find(call.id()).orElseThrow();
        }
        return view(updated);
    }

    @Transactional(readOnly = true)
    CallRecords.CallResponse get(UUID callId, UUID caller) {
        return view(calls.find(callId).filter(c -> mayRead(c, caller)).orElseThrow(CallService::notFound));
    }

    @Transactional(readOnly = true)
    Page list(UUID conversationId, String status, UUID caller, PageQuery page) {
        if (conversationId == null) {
            throw ApiException.invalid("conversation_id", "is required: a channel's or a DM's id");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid(
                    "status",
                    "one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        boolean readable = access.dm(conversationId, caller).isPresent()
                || access.channel(conversationId, caller).isPresent();
        if (!readable) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Conversation not found");
        }
        List<CallRecords.CallResponse> items =
                calls.page(conversationId, status, page.offset(), page.perPage()).stream()
                        .map(this::view)
                        .toList();
        return new Page(items, Pagination.of(page, calls.count(conversationId, status)));
    }

    /** Ends every ringing call that nobody answered within the ring time (this replica's share of them). */
    @Transactional
    int missUnanswered(Instant before) {
        List<Call> unanswered = calls.ringingSince(before, 100);
        Instant now = now();
        for (Call call : unanswered) {
            end(call, CallRepository.MISSED, now);
        }
        return unanswered.size();
    }

    private void end(Call call, String status, Instant now) {
        for (Participants.Participant present : participants.present(call.id())) {
            participants.leave(call.id(), present.userId(), now);
            events.publish(
                    CallParticipantLeft.TYPE,
                    call.id().toString(),
                    new CallParticipantLeft(call.id(), call.conversationId(), present.userId(), "call_ended", now));
        }
        calls.status(call.id(), status, now);
        events.publish(
                CallEnded.TYPE,
                call.id().toString(),
                new CallEnded(call.id(), call.conversationId(), call.conversationType(), status, now));
    }

    private Where channelForCalls(UUID channelId, UUID caller) {
        ChannelAccess channel = access.channel(channelId, caller).orElseThrow(CallService::notFound);
        if (channel.voice()) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "A voice channel is always open: join it (POST /v1/channels/{id}/voice/join)",
                    Map.of("reason", "voice_channel"));
        }
        if (channel.archived()) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION, "The channel is archived", Map.of("reason", "channel_archived"));
        }
        if (!channel.can(ConversationAccess.START_CALLS)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Needs the permission " + ConversationAccess.START_CALLS);
        }
        return new Where(channelId, "channel", channel.organizationId(), List.of());
    }

    private Where dmForCalls(UUID conversationId, UUID caller) {
        ConversationAccess.DmAccess dm = access.dm(conversationId, caller).orElseThrow(CallService::notFound);
        List<UUID> others =
                dm.participantIds().stream().filter(p -> !p.equals(caller)).toList();
        return new Where(conversationId, "dm", null, others);
    }

    private List<UUID> others(Call call) {
        return access.dm(call.conversationId(), call.startedBy())
                .map(dm -> dm.participantIds().stream()
                        .filter(p -> !p.equals(call.startedBy()))
                        .toList())
                .orElse(List.of());
    }

    private boolean mayRead(Call call, UUID caller) {
        return "dm".equals(call.conversationType())
                ? access.dm(call.conversationId(), caller).isPresent()
                : access.channel(call.conversationId(), caller).isPresent();
    }

    /** In a channel, only its members take part (readers see the call). */
    private boolean mayJoin(Call call, UUID caller) {
        return "dm".equals(call.conversationType())
                ? access.dm(call.conversationId(), caller).isPresent()
                : access.channel(call.conversationId(), caller)
                        .filter(ChannelAccess::member)
                        .isPresent();
    }

    private CallRecords.CallResponse view(Call call) {
        List<Participants.Participant> stays = participants.all(call.id());
        boolean dm = "dm".equals(call.conversationType());
        return new CallRecords.CallResponse(
                call.id(),
                dm ? null : call.conversationId(),
                dm ? call.conversationId() : null,
                call.type(),
                call.status(),
                call.startedBy(),
                call.startedAt(),
                call.endedAt(),
                stays.stream()
                        .filter(p -> p.leftAt() == null)
                        .map(ParticipantResponse::of)
                        .toList(),
                stays.stream()
                        .filter(p -> p.leftAt() != null)
                        .map(ParticipantResponse::of)
                        .toList());
    }

    private static void alreadyLive(Call live) {
        throw new ApiException(
                ErrorCode.CONFLICT,
                "This conversation has a call already",
                Map.of("call_id", live.id().toString(), "status", live.status()));
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Call not found");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
