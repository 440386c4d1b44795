package com.plexichat.user.presence;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.user.PresenceChanged;
import com.plexichat.platform.security.CurrentUser;
import com.plexichat.user.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Presence: an automatic status (online while connected, else offline) under a manual one the user
 * sets (away, dnd, offline to appear offline), which sticks until changed or until it expires. Every
 * change is published as {@code user.presence-changed}, at most once a second per user.
 */
@Service
class PresenceService {

    private final PresenceRepository presence;
    private final UserService users;
    private final EventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PresenceCoalescer coalescer = new PresenceCoalescer();

    PresenceService(
            PresenceRepository presence,
            UserService users,
            EventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.presence = presence;
        this.users = users;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    record PresenceResponse(
            UUID userId,
            String status,
            String customText,
            String customEmoji,
            Instant expiresAt,
            Instant lastActiveAt) {}

    @Transactional(readOnly = true)
    PresenceResponse get(UUID userId, CurrentUser caller) {
        if (!users.visibleTo(userId, caller)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "User not found");
        }
        return effective(userId, clock.instant());
    }

    @Transactional
    PresenceResponse set(UUID userId, PresenceController.SetPresence request, CurrentUser caller) {
        if (!users.visibleTo(userId, caller)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "User not found");
        }
        if (!userId.equals(caller.id())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only the user sets their own presence");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
        PresenceRepository.Row current = row(userId);
        boolean online = "online".equals(request.status());
        presence.save(
                new PresenceRepository.Row(
                        userId,
                        // saying "online" means being here: back to the automatic status, which is now online
                        online ? "online" : current.autoStatus(),
                        online ? null : request.status(),
                        blankToNull(request.customText()),
                        blankToNull(request.customEmoji()),
                        request.expiresAt(),
                        online ? now : current.lastActiveAt()),
                now);
        PresenceResponse state = effective(userId, now);
        if (coalescer.tryPublish(userId, now)) {
            publish(state, now);
        }
        return state;
    }

    /** A realtime connection opened: the automatic status is online (and the user was active now). */
    @Transactional
    void connected(UUID userId, String connectionId, String instanceId, Instant at) {
        if (!users.exists(userId)) {
            return;
        }
        presence.openConnection(connectionId, userId, instanceId, at);
        automatic(userId, "online");
    }

    /** A realtime connection closed: with the user's last one, the automatic status is offline. */
    @Transactional
    void disconnected(UUID userId, String connectionId) {
        presence.closeConnection(connectionId);
        if (users.exists(userId) && presence.connections(userId) == 0) {
            automatic(userId, "offline");
        }
    }

    private void automatic(UUID userId, String status) {
        Instant now = clock.instant();
        PresenceResponse before = effective(userId, now);
        PresenceRepository.Row current = row(userId);
        presence.save(
                new PresenceRepository.Row(
                        userId,
                        status,
                        current.manualStatus(),
                        current.customText(),
                        current.customEmoji(),
                        current.expiresAt(),
                        now),
                now);
        PresenceResponse after = effective(userId, now);
        if (!after.status().equals(before.status()) && coalescer.tryPublish(userId, now)) {
            publish(after, now);
        }
    }

    /** Held-back changes go out once their second is over, and expired manual statuses end. */
    @Scheduled(fixedDelayString = "${plexichat.presence.flush-interval:200ms}")
    void flush() {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> presence.expire(now).forEach(userId -> {
            if (coalescer.tryPublish(userId, now)) {
                publish(effective(userId, now), now);
            }
        }));
        for (UUID userId : coalescer.due(now)) {
            transactions.executeWithoutResult(status -> publish(effective(userId, now), now));
        }
    }

    private void publish(PresenceResponse state, Instant now) {
        events.publish(
                PresenceChanged.TYPE,
                state.userId().toString(),
                new PresenceChanged(
                        state.userId(),
                        state.status(),
                        state.customText(),
                        state.customEmoji(),
                        state.expiresAt(),
                        state.lastActiveAt(),
                        now));
    }

    private PresenceResponse effective(UUID userId, Instant now) {
        PresenceRepository.Row row = row(userId);
        boolean manual = row.manualStatus() != null
                && (row.expiresAt() == null || row.expiresAt().isAfter(now));
        boolean custom = row.expiresAt() == null || row.expiresAt().isAfter(now);
        return new PresenceResponse(
                userId,
                manual ? row.manualStatus() : row.autoStatus(),
                custom ? row.customText() : null,
                custom ? row.customEmoji() : null,
                custom ? row.expiresAt() : null,
                row.lastActiveAt());
    }

    private PresenceRepository.Row row(UUID userId) {
        return presence.find(userId)
                .orElse(new PresenceRepository.Row(userId, "offline", null, null, null, null, null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
