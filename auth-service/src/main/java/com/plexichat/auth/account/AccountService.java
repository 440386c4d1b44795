package com.plexichat.auth.account;

import com.plexichat.auth.keycloak.KeycloakUsers;
import com.plexichat.auth.mail.Mailer;
import com.plexichat.auth.secret.OneTimeSecrets;
import com.plexichat.auth.throttle.Attempts;
import com.plexichat.auth.twofactor.Reauthentication;
import com.plexichat.auth.twofactor.TwoFactorService;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.admin.PlatformSettings;
import com.plexichat.platform.events.auth.SessionRevoked;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.settings.LiveSettings;
import com.plexichat.platform.events.user.UserStatusChanged;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts: Keycloak holds the user and the password; this service adds the verification mail, the
 * events other services build on, and the rules for changing or deleting an account.
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    static final Duration VERIFICATION_LIFETIME = Duration.ofHours(48);

    private final KeycloakUsers users;
    private final EmailVerifications verifications;
    private final TwoFactorService twoFactor;
    private final Reauthentication reauthentication;
    private final Mailer mailer;
    private final EventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final LiveSettings settings;
    private final Attempts attempts;
    private final Attempts.Limit reminders;

    AccountService(
            KeycloakUsers users,
            EmailVerifications verifications,
            TwoFactorService twoFactor,
            Reauthentication reauthentication,
            Mailer mailer,
            EventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            ObjectProvider<LiveSettings> settings,
            Attempts attempts,
            @Value("${plexichat.auth.verification-reminders.limit:3}") int reminders,
            @Value("${plexichat.auth.verification-reminders.window:1h}") Duration remindersWindow) {
        this.settings = settings.getIfAvailable();
        this.attempts = attempts;
        this.reminders = new Attempts.Limit("verification_reminder", reminders, remindersWindow);
        this.users = users;
        this.verifications = verifications;
        this.twoFactor = twoFactor;
        this.reauthentication = reauthentication;
        this.mailer = mailer;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    UserResponse register(AccountRequests.Register request) {
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        if (settings != null) {
            settings.current().map(PlatformSettings::registration).ifPresent(rules -> admitted(rules, email));
        }
        String displayName =
                request.displayName() == null || request.displayName().isBlank()
                        ? request.username()
                        : request.displayName().strip();
        UUID id = users.create(request.username(), email, request.password(), displayName);
        String token = OneTimeSecrets.token();
        try {
            transactions.executeWithoutResult(status -> {
                Instant now = clock.instant();
                verifications.create(OneTimeSecrets.hash(token), id, email, now.plus(VERIFICATION_LIFETIME));
                events.publish(
                        UserRegistered.TYPE,
                        id.toString(),
                        new UserRegistered(id, request.username(), email, displayName, now));
            });
        } catch (RuntimeException e) {
            // No event, no account: a user other services will never hear of must not be able to log in.
            users.delete(id);
            throw e;
        }
        sendVerification(email, request.username(), token);
        return me(id);
    }

    /**
     * The administrator's registration rules (docs/admin.md). There are no invitations yet, so {@code invite_only}
     * turns self-service registration away as {@code closed} does, with its own reason.
     */
    private static void admitted(PlatformSettings.Registration rules, String email) {
        if (!"open".equals(rules.mode())) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "invite_only".equals(rules.mode())
                            ? "Registration is by invitation only"
                            : "Registration is closed",
                    Map.of("reason", "registration_" + rules.mode()));
        }
        String domain = email.substring(email.lastIndexOf('@') + 1);
        if (!rules.allowedEmailDomains().isEmpty()
                && !rules.allowedEmailDomains().contains(domain)) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "Accounts are for addresses at " + String.join(", ", rules.allowedEmailDomains()),
                    Map.of("field", "email", "reason", "email_domain_not_allowed"));
        }
    }

    /**
     * Spends a verification token. For the account's own address it marks it verified; for an address the user asked
     * to move to, the move happens now, verified, and the old address is told: until this moment every mail
     * (sign-in codes, resets) still went to the old, verified one.
     */
    void verifyEmail(String token) {
        EmailVerifications.Pending pending = transactions.execute(status -> verifications
                .spend(OneTimeSecrets.hash(token.strip()), clock.instant())
                .orElse(null));
        if (pending == null) {
            throw invalidToken();
        }
        UserRepresentation user = users.find(pending.userId()).orElseThrow(AccountService::invalidToken);
        String previous = user.getEmail();
        if (pending.email().equalsIgnoreCase(previous)) {
            users.update(pending.userId(), u -> u.setEmailVerified(true));
            return;
        }
        users.update(pending.userId(), u -> {
            u.setEmail(pending.email());
            u.setEmailVerified(true);
        });
        if (previous != null) {
            notify(() -> mailer.emailChanged(previous, user.getUsername(), pending.email()));
        }
    }

    /** Again to the address the user is moving to, if any; else to the account's own while it is unverified. */
    void resendVerification(CurrentUser caller) {
        UserRepresentation user = account(caller);
        String to = verifications
                .pendingChange(caller.id(), user.getEmail(), clock.instant())
                .orElse(Boolean.TRUE.equals(user.isEmailVerified()) ? null : user.getEmail());
        if (to == null) {
            throw new ApiException(ErrorCode.BUSINESS_RULE_VIOLATION, "The email address is already verified");
        }
        sendVerification(to, user.getUsername(), newVerification(caller.id(), to));
    }

    /**
     * For a login refused because the account's own address is unverified: mails a fresh verification link (earlier
     * ones keep working: they go to the same address), at most {@code verification-reminders.limit} times per window
     * and account, so that nobody who knows the password fills the mailbox. The masked address if a mail went out.
     */
    public Optional<String> remindToVerify(UUID userId) {
        UserRepresentation user = users.find(userId).orElse(null);
        if (user == null || user.getEmail() == null || Boolean.TRUE.equals(user.isEmailVerified())) {
            return Optional.empty();
        }
        if (attempts.waitFor(reminders, userId.toString()).isPresent()) {
            return Optional.empty();
        }
        attempts.count(reminders, userId.toString());
        String token = OneTimeSecrets.token();
        transactions.executeWithoutResult(status -> verifications.create(
                OneTimeSecrets.hash(token),
                userId,
                user.getEmail(),
                clock.instant().plus(VERIFICATION_LIFETIME)));
        sendVerification(user.getEmail(), user.getUsername(), token);
        return Optional.of(Mailer.masked(user.getEmail()));
    }

    UserResponse me(UUID id) {
        UserRepresentation user =
                users.find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Account not found"));
        return response(user);
    }

    UserResponse me(CurrentUser caller) {
        return response(account(caller));
    }

    /**
     * A new email address or password needs the current password and, with 2FA on, a current code: a stolen access
     * token alone changes neither. A new address only becomes the account's once its owner proves it (the
     * verification mail); the current address is told at once, so its owner can react before that.
     */
    UserResponse update(CurrentUser caller, AccountRequests.UpdateMe request) {
        UserRepresentation current = account(caller);
        boolean emailChange =
                request.email() != null && !request.email().strip().equalsIgnoreCase(current.getEmail());
        boolean passwordChange = request.password() != null;
        if (emailChange || passwordChange) {
            reauthentication.requirePasswordAndSecondFactor(caller, request.currentPassword(), request.code());
        }
        String newEmail = emailChange ? request.email().strip().toLowerCase(Locale.ROOT) : null;
        if (newEmail != null
                && users.findByUsernameOrEmail(newEmail)
                        .filter(other -> !caller.id().toString().equals(other.getId()))
                        .isPresent()) {
            throw new ApiException(ErrorCode.CONFLICT, "Email already taken", Map.of("field", "email"));
        }
        if (passwordChange) {
            users.setPassword(caller.id(), request.password());
        }
        if (request.displayName() != null) {
            users.update(
                    caller.id(),
                    user -> user.singleAttribute(
                            KeycloakUsers.DISPLAY_NAME, request.displayName().strip()));
        }
        if (newEmail != null) {
            sendVerification(newEmail, current.getUsername(), newVerification(caller.id(), newEmail));
            if (current.getEmail() != null) {
                notify(() -> mailer.emailChangeRequested(current.getEmail(), current.getUsername(), newEmail));
            }
        }
        if (passwordChange) {
            // Every other device must sign in with the new password; this one too.
            users.logoutEverywhere(caller.id());
            transactions.executeWithoutResult(status -> events.publish(
                    SessionRevoked.TYPE,
                    caller.id().toString(),
                    new SessionRevoked(caller.id(), null, clock.instant(), SessionRevoked.PASSWORD_CHANGED)));
        }
        return me(caller.id());
    }

    void delete(CurrentUser caller, AccountRequests.DeleteMe request) {
        account(caller);
        reauthentication.requirePasswordAndSecondFactor(
                caller, request == null ? null : request.password(), request == null ? null : request.code());
        transactions.executeWithoutResult(status -> deleteAccount(caller.id()));
    }

    /**
     * Removes the account (in the caller's transaction): second factors and tokens here, sessions and
     * credentials in Keycloak, and {@code session.revoked} + {@code user.deleted} for everyone else. Keycloak
     * goes last: if it refuses, the transaction rolls back and no event is published. Already gone from
     * Keycloak (a repeated request) is fine: the events go out again and are applied once downstream.
     */
    void deleteAccount(UUID userId) {
        Instant now = clock.instant();
        twoFactor.disable(userId);
        verifications.deleteFor(userId);
        events.publish(
                SessionRevoked.TYPE, userId.toString(), new SessionRevoked(userId, null, now, SessionRevoked.DELETED));
        events.publish(UserDeleted.TYPE, userId.toString(), new UserDeleted(userId, now));
        if (users.find(userId).isPresent()) {
            users.logoutEverywhere(userId);
            users.delete(userId);
        }
    }

    /**
     * An administrator's status decision (admin-service owns it), in the caller's transaction: a suspension disables
     * the account (keeping the reason, which a refused login shows), ends every session in Keycloak and tells the
     * gateways, which refuse the user's tokens and close their sockets; a re-activation enables the account. A user
     * already gone from Keycloak needs nothing.
     */
    void applyStatus(UUID userId, String status, String reason) {
        if (users.find(userId).isEmpty()) {
            return;
        }
        if (UserStatusChanged.SUSPENDED.equals(status)) {
            users.update(userId, user -> {
                user.setEnabled(false);
                user.singleAttribute(KeycloakUsers.SUSPENSION_REASON, reason == null ? "" : reason);
            });
            users.logoutEverywhere(userId);
            events.publish(
                    SessionRevoked.TYPE,
                    userId.toString(),
                    new SessionRevoked(userId, null, clock.instant(), SessionRevoked.SUSPENDED));
        } else if (UserStatusChanged.ACTIVE.equals(status)) {
            users.update(userId, user -> {
                user.setEnabled(true);
                if (user.getAttributes() != null) {
                    user.getAttributes().remove(KeycloakUsers.SUSPENSION_REASON);
                }
            });
        }
    }

    /** A new token for the address; any earlier unspent one of the user stops working (only the latest counts). */
    private String newVerification(UUID userId, String email) {
        String token = OneTimeSecrets.token();
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            verifications.supersede(userId, now);
            verifications.create(OneTimeSecrets.hash(token), userId, email, now.plus(VERIFICATION_LIFETIME));
        });
        return token;
    }

    private static void notify(Runnable mail) {
        try {
            mail.run();
        } catch (ApiException e) {
            log.warn("Notice of an email change not sent");
        }
    }

    private void sendVerification(String email, String username, String token) {
        try {
            mailer.verifyEmail(email, username, token, VERIFICATION_LIFETIME);
        } catch (ApiException e) {
            // The account stands; POST /v1/auth/verify-email/resend sends another.
            log.warn("Verification mail for {} not sent", username);
        }
    }

    private UserRepresentation account(CurrentUser caller) {
        if (caller.apiKey()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "API keys have no account");
        }
        return users.find(caller.id())
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "Account no longer exists"));
    }

    private UserResponse response(UserRepresentation user) {
        UUID id = UUID.fromString(user.getId());
        String displayName = user.firstAttribute(KeycloakUsers.DISPLAY_NAME);
        return new UserResponse(
                id,
                user.getUsername(),
                user.getEmail(),
                displayName == null ? user.getUsername() : displayName,
                Boolean.TRUE.equals(user.isEmailVerified()),
                verifications
                        .pendingChange(id, user.getEmail(), clock.instant())
                        .orElse(null),
                twoFactor.methods(id),
                users.realmRoles(id),
                user.getCreatedTimestamp() == null ? null : Instant.ofEpochMilli(user.getCreatedTimestamp()));
    }

    private static ApiException invalidToken() {
        return new ApiException(
                ErrorCode.VALIDATION_ERROR,
                "Invalid input provided",
                Map.of("field", "token", "reason", "is invalid, expired or already used"));
    }
}
