package com.plexichat.auth.login;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.plexichat.auth.account.AccountService;
import com.plexichat.auth.keycloak.KeycloakRefusal;
import com.plexichat.auth.keycloak.KeycloakTokens;
import com.plexichat.auth.keycloak.KeycloakUsers;
import com.plexichat.auth.keycloak.TokenSet;
import com.plexichat.auth.mail.Mailer;
import com.plexichat.auth.secret.OneTimeSecrets;
import com.plexichat.auth.secret.SecretBox;
import com.plexichat.auth.throttle.Attempts;
import com.plexichat.auth.twofactor.TwoFactorService;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.RequestClients;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.admin.PlatformSettings;
import com.plexichat.platform.events.auth.LoginAttempted;
import com.plexichat.platform.events.auth.SessionRevoked;
import com.plexichat.platform.events.settings.LiveSettings;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logins over Keycloak's password grant, with PlexiChat's second factors in between: for a user with
 * 2FA the tokens are held (encrypted) behind a single-use challenge until a TOTP, email or recovery
 * code completes it.
 */
@Service
class LoginService {

    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    static final Duration EMAIL_CODE_LIFETIME = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 5;

    private final KeycloakTokens tokens;
    private final KeycloakUsers users;
    private final TwoFactorService twoFactor;
    private final LoginChallenges challenges;
    private final Attempts attempts;
    private final Attempts.Limit loginFailures;
    private final Attempts.Limit secondFactorFailures;
    private final Attempts.Limit loginCodeMails;
    private final SecretBox secrets;
    private final Mailer mailer;
    private final EventPublisher events;
    private final Clock clock;
    private final LiveSettings settings;
    private final AccountService accounts;
    private final JsonMapper json = JsonMapper.builder().build();

    LoginService(
            KeycloakTokens tokens,
            KeycloakUsers users,
            TwoFactorService twoFactor,
            LoginChallenges challenges,
            Attempts attempts,
            SecretBox secrets,
            Mailer mailer,
            EventPublisher events,
            Clock clock,
            ObjectProvider<LiveSettings> settings,
            AccountService accounts,
            @Value("${plexichat.auth.login-failures.limit:10}") int loginFailures,
            @Value("${plexichat.auth.login-failures.window:15m}") Duration loginFailuresWindow,
            @Value("${plexichat.auth.second-factor-failures.limit:10}") int secondFactorFailures,
            @Value("${plexichat.auth.second-factor-failures.window:15m}") Duration secondFactorFailuresWindow,
            @Value("${plexichat.auth.login-code-mails.limit:5}") int loginCodeMails,
            @Value("${plexichat.auth.login-code-mails.window:15m}") Duration loginCodeMailsWindow) {
        this.tokens = tokens;
        this.users = users;
        this.twoFactor = twoFactor;
        this.challenges = challenges;
        this.attempts = attempts;
        this.loginFailures = new Attempts.Limit("login_failure", loginFailures, loginFailuresWindow);
        this.secondFactorFailures =
                new Attempts.Limit("second_factor_failure", secondFactorFailures, secondFactorFailuresWindow);
        this.loginCodeMails = new Attempts.Limit("login_code_mail", loginCodeMails, loginCodeMailsWindow);
        this.secrets = secrets;
        this.mailer = mailer;
        this.events = events;
        this.clock = clock;
        this.settings = settings.getIfAvailable();
        this.accounts = accounts;
    }

    /** The tokens, or (for a user with 2FA) the {@code TWO_FACTOR_REQUIRED} error carrying the challenge. */
    @Transactional(noRollbackFor = ApiException.class)
    public TokenResponse login(String usernameOrEmail, String password) {
        // Per typed name and client: a stranger's wrong passwords slow the stranger, never the account's owner.
        String nameFromClient = Objects.toString(usernameOrEmail, "").strip().toLowerCase(Locale.ROOT) + "|"
                + Objects.toString(RequestClients.ip(), "unknown");
        attempts.refuseIfUsedUp(
                loginFailures,
                nameFromClient,
                "Too many failed logins for this name from here; try again later",
                "too_many_failures");
        TokenSet issued;
        try {
            issued = tokens.password(usernameOrEmail, password);
        } catch (KeycloakRefusal refused) {
            if (refused.status() >= 400 && refused.status() < 500) {
                attempts.count(loginFailures, nameFromClient);
            }
            throw whyRefused(usernameOrEmail, refused);
        }
        attempts.clear(loginFailures, nameFromClient);
        UUID userId = subject(issued.accessToken());
        refuseIfUnverified(userId, issued);
        List<String> methods = withoutUnprovenMail(userId, twoFactor.methods(userId));
        if (methods.isEmpty()) {
            attempted(userId, "success", "password");
            return TokenResponse.of(issued);
        }
        attempted(userId, "two_factor_required", "password");
        UUID challengeId = UUID.randomUUID();
        challenges.create(new LoginChallenges.Challenge(
                challengeId,
                userId,
                secrets.encrypt(json.writeValueAsString(issued)),
                methods,
                0,
                null,
                null,
                clock.instant().plus(CHALLENGE_LIFETIME),
                null));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("challenge_id", challengeId);
        details.put("methods", methods);
        details.put("expires_in", CHALLENGE_LIFETIME.toSeconds());
        throw new ApiException(ErrorCode.TWO_FACTOR_REQUIRED, "A second factor is required", details);
    }

    record SecondFactorOutcome(TokenResponse tokens, String emailSentTo) {}

    /**
     * Completes the challenge with a code; with method {@code email} and no code, mails one. Failed
     * attempts are counted (and kept) even though the call fails.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public SecondFactorOutcome completeLogin(UUID challengeId, String method, String code) {
        Instant now = clock.instant();
        LoginChallenges.Challenge challenge = challenges
                .lock(challengeId)
                .filter(c -> c.completedAt() == null && c.expiresAt().isAfter(now))
                .orElseThrow(() -> new ApiException(
                        ErrorCode.UNAUTHORIZED,
                        "Unknown, expired or already used challenge; log in again",
                        Map.of("reason", "challenge_invalid")));
        if (!challenge.methods().contains(method)) {
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "Invalid input provided",
                    Map.of("field", "method", "reason", "must be one of " + challenge.methods()));
        }
        String user = challenge.userId().toString();
        if (TwoFactorService.EMAIL.equals(method) && (code == null || code.isBlank())) {
            attempts.refuseIfUsedUp(
                    loginCodeMails, user, "Too many login codes mailed; try again later", "too_many_codes");
            attempts.count(loginCodeMails, user);
            return new SecondFactorOutcome(null, mailCode(challenge, now));
        }
        // Across challenges: a password thief could otherwise start challenge after challenge, five guesses each.
        attempts.refuseIfUsedUp(
                secondFactorFailures, user, "Too many wrong codes; try again later", "too_many_failures");
        boolean valid = switch (method) {
            case TwoFactorService.TOTP -> twoFactor.verifyTotp(challenge.userId(), code);
            case TwoFactorService.RECOVERY -> twoFactor.useRecoveryCode(challenge.userId(), code);
            default ->
                challenge.emailCodeHash() != null
                        && challenge.emailCodeExpiresAt().isAfter(now)
                        && code != null
                        && OneTimeSecrets.hash(code.strip()).equals(challenge.emailCodeHash());
        };
        if (!valid) {
            attempted(challenge.userId(), "failure", method);
            attempts.count(secondFactorFailures, user);
            int attempts = challenges.failedAttempt(challengeId);
            int left = MAX_ATTEMPTS - attempts;
            if (left <= 0) {
                challenges.complete(challengeId, now);
                endHeldSession(challenge);
                throw new ApiException(
                        ErrorCode.UNAUTHORIZED,
                        "Too many wrong codes; log in again",
                        Map.of("reason", "challenge_invalid"));
            }
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED,
                    "Invalid or already used code",
                    Map.of("reason", "invalid_code", "attempts_left", left));
        }
        challenges.complete(challengeId, now);
        attempts.clear(secondFactorFailures, user);
        attempted(challenge.userId(), "success", method);
        TokenSet held = json.readValue(secrets.decrypt(challenge.tokensEncrypted()), TokenSet.class);
        return new SecondFactorOutcome(TokenResponse.of(held), null);
    }

    public TokenResponse refresh(String refreshToken) {
        try {
            return TokenResponse.of(tokens.refresh(refreshToken));
        } catch (KeycloakRefusal refused) {
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED,
                    "Refresh token invalid, expired, revoked or already used; log in again",
                    Map.of("reason", "invalid_refresh_token"));
        }
    }

    /** Ends the session in Keycloak and tells the gateways, which refuse its access tokens at once. */
    @Transactional
    public void logout(UUID userId, String sessionId, String refreshToken) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            try {
                tokens.logout(refreshToken);
            } catch (KeycloakRefusal alreadyEnded) {
                // the session id below ends it anyway
            }
        }
        if (sessionId != null) {
            users.endSession(sessionId);
        }
        events.publish(SessionRevoked.TYPE, userId.toString(), new SessionRevoked(userId, sessionId, clock.instant()));
    }

    @Scheduled(fixedDelayString = "${plexichat.auth.challenge-cleanup-interval:10m}")
    @Transactional
    public void forgetOldChallenges() {
        challenges.deleteOlderThan(clock.instant().minus(Duration.ofHours(1)));
    }

    private String mailCode(LoginChallenges.Challenge challenge, Instant now) {
        UserRepresentation user = users.find(challenge.userId())
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "Account no longer exists"));
        if (user.getEmail() == null || !Boolean.TRUE.equals(user.isEmailVerified())) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "The account has no verified email address",
                    Map.of("field", "method", "reason", "email_not_verified"));
        }
        String code = OneTimeSecrets.digits(6);
        challenges.emailCode(challenge.id(), OneTimeSecrets.hash(code), now.plus(EMAIL_CODE_LIFETIME));
        mailer.loginCode(user.getEmail(), user.getUsername(), code, EMAIL_CODE_LIFETIME);
        return Mailer.masked(user.getEmail());
    }

    private void endHeldSession(LoginChallenges.Challenge challenge) {
        try {
            TokenSet held = json.readValue(secrets.decrypt(challenge.tokensEncrypted()), TokenSet.class);
            if (held.sessionId() != null) {
                users.endSession(held.sessionId());
            }
        } catch (RuntimeException e) {
            // the session expires with the challenge's tokens anyway
        }
    }

    /** For the audit log: who tried, and how it ended (never what they typed). */
    private void attempted(UUID userId, String outcome, String method) {
        events.publish(
                LoginAttempted.TYPE,
                userId == null ? "unknown" : userId.toString(),
                new LoginAttempted(userId, outcome, method, clock.instant()));
    }

    private ApiException whyRefused(String usernameOrEmail, KeycloakRefusal refused) {
        Refusal refusal = refusal(usernameOrEmail, refused);
        attempted(refusal.account(), refusal.outcome(), "password");
        return refusal.error();
    }

    /** What the client hears, and for the audit log the account (if the name matched one) and the outcome. */
    private record Refusal(ApiException error, UUID account, String outcome) {}

    private Refusal refusal(String usernameOrEmail, KeycloakRefusal refused) {
        UUID account = null;
        if (refused.status() >= 400 && refused.status() < 500) {
            var user = users.findByUsernameOrEmail(usernameOrEmail);
            if (user.isPresent()) {
                account = UUID.fromString(user.get().getId());
                if (!Boolean.TRUE.equals(user.get().isEnabled())) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("reason", "account_suspended");
                    String why = user.get().firstAttribute(KeycloakUsers.SUSPENSION_REASON);
                    if (why != null && !why.isBlank()) {
                        details.put("suspension_reason", why);
                    }
                    return new Refusal(
                            new ApiException(ErrorCode.FORBIDDEN, "This account is suspended", details),
                            account,
                            "suspended");
                }
                // Keycloak's own brute-force lock (a high backstop against guessing from many addresses) is
                // answered like a wrong password: a 423 would say that the account exists.
                if (users.lockedOut(account)) {
                    return new Refusal(invalidCredentials(), account, "locked");
                }
            }
        }
        return new Refusal(invalidCredentials(), account, "failure");
    }

    private static ApiException invalidCredentials() {
        return new ApiException(
                ErrorCode.UNAUTHORIZED, "Invalid username or password", Map.of("reason", "invalid_credentials"));
    }

    static UUID subject(String accessToken) {
        try {
            JWTClaimsSet claims = JWTParser.parse(accessToken).getJWTClaimsSet();
            return UUID.fromString(claims.getSubject());
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Keycloak issued an access token without a user id", e);
        }
    }

    /**
     * With the administrator's {@code registration.require_verified_email} on (the default), a password alone does
     * not sign in an account whose address nobody proved: an address typed by someone else would otherwise give
     * them a working account in its owner's name. Only the password's holder learns this (the password was right),
     * so the answer says what to do next, and a fresh link is mailed (a few times an hour at most). The session
     * Keycloak opened is ended at once.
     */
    private void refuseIfUnverified(UUID userId, TokenSet issued) {
        if (!PlatformSettings.Registration.verifiedEmailRequired(
                settings == null ? java.util.Optional.empty() : settings.current())) {
            return;
        }
        boolean verified = emailVerifiedClaim(issued.accessToken())
                .orElseGet(() -> users.find(userId)
                        .map(u -> Boolean.TRUE.equals(u.isEmailVerified()))
                        .orElse(false));
        if (verified) {
            return;
        }
        if (issued.sessionId() != null) {
            users.endSession(issued.sessionId());
        }
        attempted(userId, "email_not_verified", "password");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", "email_not_verified");
        accounts.remindToVerify(userId).ifPresent(to -> details.put("verification_sent_to", to));
        throw new ApiException(
                ErrorCode.FORBIDDEN, "Verify your email address first: follow the link in the mail we sent", details);
    }

    /** Keycloak's {@code email_verified} claim (the realm's {@code email} scope), if the token has it. */
    private static java.util.Optional<Boolean> emailVerifiedClaim(String accessToken) {
        try {
            return java.util.Optional.ofNullable(
                    JWTParser.parse(accessToken).getJWTClaimsSet().getBooleanClaim("email_verified"));
        } catch (ParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** Sign-in codes go only to an address its owner proved: an unverified one may be anybody's. */
    private List<String> withoutUnprovenMail(UUID userId, List<String> methods) {
        if (!methods.contains(TwoFactorService.EMAIL)
                || users.find(userId)
                        .map(u -> Boolean.TRUE.equals(u.isEmailVerified()))
                        .orElse(false)) {
            return methods;
        }
        return methods.stream().filter(m -> !TwoFactorService.EMAIL.equals(m)).toList();
    }
}
