package com.plexichat.auth.account;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/auth")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/register")
    ResponseEntity<ApiResponse<UserResponse>> register(@Valid @RequestBody AccountRequests.Register request) {
        UserResponse user = accounts.register(request);
        return ResponseEntity.created(URI.create("/v1/users/" + user.id())).body(ApiResponse.ok(user));
    }

    @PostMapping("/verify-email")
    ResponseEntity<Void> verifyEmail(@Valid @RequestBody AccountRequests.VerifyEmail request) {
        accounts.verifyEmail(request.token());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/verify-email/resend")
    ResponseEntity<Void> resendVerification(CurrentUser user) {
        accounts.resendVerification(user);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/me")
    ApiResponse<UserResponse> me(CurrentUser user) {
        return ApiResponse.ok(accounts.me(user));
    }

    @PutMapping("/me")
    ApiResponse<UserResponse> update(CurrentUser user, @Valid @RequestBody AccountRequests.UpdateMe request) {
        return ApiResponse.ok(accounts.update(user, request));
    }

    @DeleteMapping("/me")
    ResponseEntity<Void> delete(
            CurrentUser user, @Valid @RequestBody(required = false) AccountRequests.DeleteMe request) {
        accounts.delete(user, request);
        return ResponseEntity.noContent().build();
    }
}
