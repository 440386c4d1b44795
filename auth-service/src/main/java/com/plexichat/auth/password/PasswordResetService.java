package com.plexichat.auth.password;

import com.plexichat.auth.keycloak.KeycloakUsers;
import com.plexichat.auth.mail.Mailer;
import com.plexichat.auth.secret.OneTimeSecrets;
import com.plexichat.auth.throttle.Attempts;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.auth.SessionRevoked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords: a single-use token (stored hashed) mailed to the account's address; spending
 * it sets the new password in Keycloak and ends every session of the user.
 */
@Service
class PasswordResetService {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);

    private final KeycloakUsers users;
    private final PasswordResets resets;
    private final Mailer mailer;
    private final EventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration lifetime;
    private final Attempts attempts;
    private final Attempts.Limit resetMails;

    PasswordResetService(
            KeycloakUsers users,
            PasswordResets resets,
            Mailer mailer,
            EventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${plexichat.auth.reset-token-lifetime:30m}") Duration lifetime,
            Attempts attempts,
            @Value("${plexichat.auth.reset-mails.limit:3}") int resetMails,
            @Value("${plexichat.auth.reset-mails.window:1h}") Duration resetMailsWindow) {
        this.users = users;
        this.resets = resets;
        this.mailer = mailer;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.lifetime = lifetime;
        this.attempts = attempts;
        this.resetMails = new Attempts.Limit("password_reset_mail", resetMails, resetMailsWindow);
    }

    /** Says nothing about whether the account exists: the caller answers 202 either way. */
    void forgot(String email) {
        UserRepresentation user = users.findByUsernameOrEmail(email).orElse(null);
        if (user == null || !Boolean.TRUE.equals(user.isEnabled())) {
            return;
        }
        // Per account, and silently: the answer is the same 202 either way, and nobody can fill a mailbox.
        if (attempts.waitFor(resetMails, user.getId()).isPresent()) {
            log.info(
                    "Password reset mail not sent: the account had {} within {}",
                    resetMails.max(),
                    resetMails.window());
            return;
        }
        attempts.count(resetMails, user.getId());
        String token = OneTimeSecrets.token();
        Instant now = clock.instant();
        transactions.executeWithoutResult(status ->
                resets.create(OneTimeSecrets.hash(token), UUID.fromString(user.getId()), now, now.plus(lifetime)));
        try {
            mailer.resetPassword(user.getEmail(), user.getUsername(), token, lifetime);
        } catch (ApiException e) {
            log.warn("Password reset mail not sent");
        }
    }

    /**
     * The token and the new password together: a password the policy refuses leaves the token unspent
     * (the transaction rolls back), so the user can try another.
     */
    void reset(String token, String newPassword) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            UUID userId = resets.spend(OneTimeSecrets.hash(token.strip()), now)
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.VALIDATION_ERROR,
                            "Invalid input provided",
                            Map.of("field", "token", "reason", "is invalid, expired or already used")));
            users.setPassword(userId, newPassword, "new_password");
            resets.spendAllFor(userId, now);
            events.publish(
                    SessionRevoked.TYPE,
                    userId.toString(),
                    new SessionRevoked(userId, null, now, SessionRevoked.PASSWORD_CHANGED));
            users.logoutEverywhere(userId);
        });
    }
}
