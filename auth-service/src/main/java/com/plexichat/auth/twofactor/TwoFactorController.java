package com.plexichat.auth.twofactor;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Second-factor management for the signed-in user (beyond the seed, needed to use login/2fa). */
@RestController
@RequestMapping("/v1/auth/2fa")
class TwoFactorController {

    private final TwoFactorService twoFactor;
    private final Reauthentication reauthentication;

    TwoFactorController(TwoFactorService twoFactor, Reauthentication reauthentication) {
        this.twoFactor = twoFactor;
        this.reauthentication = reauthentication;
    }

    record ConfirmRequest(@NotBlank @Size(max = 16) String code) {}

    record ProofRequest(
            @Size(max = 1024) String password,
            @Size(max = 64) String code) {}

    // A stolen access token alone must not be able to add, replace or remove a second factor: every
    // change asks for the password, and for a current code once a second factor is on.
    @PostMapping("/totp")
    ApiResponse<TwoFactorService.TotpEnrolmentResponse> startTotp(
            CurrentUser user, @Valid @RequestBody(required = false) ProofRequest request) {
        prove(user, request);
        return ApiResponse.ok(twoFactor.startTotp(user.id(), user.username()));
    }

    @PostMapping("/totp/confirm")
    ApiResponse<TwoFactorService.RecoveryCodesResponse> confirmTotp(
            CurrentUser user, @Valid @RequestBody ConfirmRequest request) {
        return ApiResponse.ok(twoFactor.confirmTotp(user.id(), request.code()));
    }

    @DeleteMapping("/totp")
    ResponseEntity<Void> disableTotp(CurrentUser user, @Valid @RequestBody(required = false) ProofRequest request) {
        prove(user, request);
        twoFactor.disable(user.id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/recovery-codes")
    ApiResponse<TwoFactorService.RecoveryCodesResponse> newRecoveryCodes(
            CurrentUser user, @Valid @RequestBody(required = false) ProofRequest request) {
        prove(user, request);
        return ApiResponse.ok(twoFactor.newRecoveryCodes(user.id()));
    }

    private void prove(CurrentUser user, ProofRequest request) {
        ProofRequest proof = request == null ? new ProofRequest(null, null) : request;
        reauthentication.requirePasswordAndSecondFactor(user, proof.password(), proof.code());
    }
}
