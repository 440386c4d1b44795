package com.plexichat.auth.twofactor;

import com.plexichat.auth.secret.OneTimeSecrets;
import com.plexichat.auth.secret.SecretBox;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.auth.TwoFactorChanged;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's second factors: a TOTP app (secret encrypted at rest, each code accepted once) and
 * single-use recovery codes (hashed). Email codes for a login are the login's business; they are
 * offered to every user who has a second factor.
 */
@Service
public class TwoFactorService {

    public static final String TOTP = "totp";
    public static final String EMAIL = "email";
    public static final String RECOVERY = "recovery";

    private static final int RECOVERY_CODES = 10;

    private final TwoFactorRepository repository;
    private final SecretBox secrets;
    private final EventPublisher events;
    private final Clock clock;
    private final TotpCodes codes = new TotpCodes();

    TwoFactorService(TwoFactorRepository repository, SecretBox secrets, EventPublisher events, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
    }

    /** For the audit log: every change to a second factor, in the transaction that makes it. */
    private void changed(UUID userId, String change) {
        events.publish(TwoFactorChanged.TYPE, userId.toString(), new TwoFactorChanged(userId, change, clock.instant()));
    }

    public record TotpEnrolmentResponse(String secret, String otpauthUri) {}

    public record RecoveryCodesResponse(List<String> recoveryCodes) {}

    /** The methods a login of this user may complete with; empty when the user has no second factor. */
    @Transactional(readOnly = true)
    public List<String> methods(UUID userId) {
        if (!enabled(userId)) {
            return List.of();
        }
        List<String> methods = new ArrayList<>(List.of(TOTP, EMAIL));
        if (repository.unusedRecoveryCodes(userId) > 0) {
            methods.add(RECOVERY);
        }
        return List.copyOf(methods);
    }

    @Transactional(readOnly = true)
    public boolean enabled(UUID userId) {
        return repository.totp(userId).map(t -> t.confirmedAt() != null).orElse(false);
    }

    @Transactional
    public TotpEnrolmentResponse startTotp(UUID userId, String account) {
        if (enabled(userId)) {
            throw new ApiException(ErrorCode.CONFLICT, "TOTP is already enabled; disable it first to enrol a new app");
        }
        String secret = TotpCodes.newSecret();
        repository.saveUnconfirmed(userId, secrets.encrypt(secret), clock.instant());
        return new TotpEnrolmentResponse(secret, TotpCodes.otpauthUri(secret, account));
    }

    /** The app works: TOTP is on, and the first recovery codes are shown (once). */
    @Transactional
    public RecoveryCodesResponse confirmTotp(UUID userId, String code) {
        var credential = repository
                .totp(userId)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.BUSINESS_RULE_VIOLATION, "Start the TOTP enrolment first (POST /v1/auth/2fa/totp)"));
        if (credential.confirmedAt() != null) {
            throw new ApiException(ErrorCode.CONFLICT, "TOTP is already enabled");
        }
        if (!acceptTotp(userId, secrets.decrypt(credential.secretEncrypted()), code)) {
            throw invalidCode("code");
        }
        repository.confirm(userId, clock.instant());
        changed(userId, TwoFactorChanged.TOTP_ENABLED);
        return new RecoveryCodesResponse(replaceRecoveryCodes(userId));
    }

    @Transactional
    public void disable(UUID userId) {
        boolean wasOn = enabled(userId);
        repository.deleteTotp(userId);
        repository.deleteRecoveryCodes(userId);
        if (wasOn) {
            changed(userId, TwoFactorChanged.TOTP_DISABLED);
        }
    }

    @Transactional
    public RecoveryCodesResponse newRecoveryCodes(UUID userId) {
        if (!enabled(userId)) {
            throw new ApiException(ErrorCode.BUSINESS_RULE_VIOLATION, "Enable TOTP before creating recovery codes");
        }
        changed(userId, TwoFactorChanged.RECOVERY_CODES_REGENERATED);
        return new RecoveryCodesResponse(replaceRecoveryCodes(userId));
    }

    /** A TOTP code of the user's confirmed app, never the same code (time step) twice. */
    @Transactional
    public boolean verifyTotp(UUID userId, String code) {
        return repository
                .totp(userId)
                .filter(credential -> credential.confirmedAt() != null)
                .map(credential -> acceptTotp(userId, secrets.decrypt(credential.secretEncrypted()), code))
                .orElse(false);
    }

    /** Spends one recovery code. */
    @Transactional
    public boolean useRecoveryCode(UUID userId, String code) {
        if (code == null || code.length() > 64) {
            return false;
        }
        return repository.useRecoveryCode(
                userId, OneTimeSecrets.hash(OneTimeSecrets.normalizeRecoveryCode(code)), clock.instant());
    }

    /** A TOTP or recovery code, for changes that need the second factor. */
    @Transactional
    public boolean verifyAnyCode(UUID userId, String code) {
        return code != null && (verifyTotp(userId, code) || useRecoveryCode(userId, code));
    }

    private boolean acceptTotp(UUID userId, String secret, String code) {
        OptionalLong step = codes.matchingStep(secret, code, clock.instant());
        return step.isPresent() && repository.acceptStep(userId, step.getAsLong());
    }

    private List<String> replaceRecoveryCodes(UUID userId) {
        List<String> plain = IntStream.range(0, RECOVERY_CODES)
                .mapToObj(i -> OneTimeSecrets.recoveryCode())
                .toList();
        repository.replaceRecoveryCodes(
                userId,
                plain.stream()
                        .map(c -> OneTimeSecrets.hash(OneTimeSecrets.normalizeRecoveryCode(c)))
                        .toList());
        return plain;
    }

    static ApiException invalidCode(String field) {
        return new ApiException(
                ErrorCode.VALIDATION_ERROR,
                "Invalid or already used code",
                Map.of("field", field, "reason", "is not a valid code"));
    }
}
