package com.plexichat.auth.account;

import com.plexichat.auth.keycloak.KeycloakUsers;
import com.plexichat.auth.mail.Mailer;
import com.plexichat.auth.secret.OneTimeSecrets;
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
import java.util.UUID;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts: Keycloak holds the user and the password; this service adds the verification mail, the
 * events other services build on, and the rules for changing or deleting an account.
 */
@Service
class AccountService {

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

    AccountService(
            KeycloakUsers users,
            EmailVerifications verifications,
            TwoFactorService twoFactor,
            Reauthentication reauthentication,
            Mailer mailer,
            EventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            ObjectProvider<LiveSettings> settings) {
        this.settings = settings.getIfAvailable();
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

    void verifyEmail(String token) {
        EmailVerifications.Pending pending = transactions.execute(status -> verifications
                .spend(OneTimeSecrets.hash(token.strip()), clock.instant())
                .orElse(null));
        if (pending == null) {
            throw invalidToken();
        }
        UserRepresentation user = users.find(pending.userId()).orElseThrow(AccountService::invalidToken);
        if (!pending.email().equalsIgnoreCase(user.getEmail())) {
            // The address changed since this mail was sent: only the latest one can be verified.
            throw invalidToken();
        }
        users.update(pending.userId(), u -> u.setEmailVerified(true));
    }

    void resendVerification(CurrentUser caller) {
        UserRepresentation user = account(caller);
        if (Boolean.TRUE.equals(user.isEmailVerified())) {
            throw new ApiException(ErrorCode.BUSINESS_RULE_VIOLATION, "The email address is already verified");
        }
        sendVerification(user.getEmail(), user.getUsername(), newVerification(caller.id(), user.getEmail()));
    }

    UserResponse me(UUID id) {
        UserRepresentation user =
                users.find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Account not found"));
        return response(user);
    }

    UserResponse me(CurrentUser caller) {
        return response(account(caller));
    }

    UserResponse update(CurrentUser caller, AccountRequests.UpdateMe request) {
        UserRepresentation current = account(caller);
        boolean emailChange =
                request.email() != null && !request.email().strip().equalsIgnoreCase(current.getEmail());
        boolean passwordChange = request.password() != null;
        if (emailChange || passwordChange) {
            reauthentication.requirePassword(caller, request.currentPassword());
        }
        if (passwordChange) {
            users.setPassword(caller.id(), request.password());
        }
        String newEmail = emailChange ? request.email().strip().toLowerCase(Locale.ROOT) : null;
        if (request.displayName() != null || emailChange) {
            users.update(caller.id(), user -> {
                if (request.displayName() != null) {
                    user.singleAttribute(
                            KeycloakUsers.DISPLAY_NAME, request.displayName().strip());
                }
                if (newEmail != null) {
                    user.setEmail(newEmail);
                    user.setEmailVerified(false);
                }
            });
        }
        if (newEmail != null) {
            sendVerification(newEmail, current.getUsername(), newVerification(caller.id(), newEmail));
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

    private String newVerification(UUID userId, String email) {
        String token = OneTimeSecrets.token();
        transactions.executeWithoutResult(status -> verifications.create(
                OneTimeSecrets.hash(token), userId, email, clock.instant().plus(VERIFICATION_LIFETIME)));
        return token;
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
