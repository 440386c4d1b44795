package com.plexichat.auth.password;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/auth")
class PasswordController {

    private final PasswordResetService resets;

    PasswordController(PasswordResetService resets) {
        this.resets = resets;
    }

    record ForgotPassword(@NotBlank @Email @Size(max = 254) String email) {}

    record ResetPassword(
            @NotBlank @Size(max = 256) String token,

            @NotNull @Size(min = 12, max = 256, message = "must have 12 to 256 characters")
            String newPassword) {}

    @PostMapping("/forgot-password")
    ResponseEntity<Void> forgot(@Valid @RequestBody ForgotPassword request) {
        resets.forgot(request.email().strip());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/reset-password")
    ResponseEntity<Void> reset(@Valid @RequestBody ResetPassword request) {
        resets.reset(request.token(), request.newPassword());
        return ResponseEntity.noContent().build();
    }
}
