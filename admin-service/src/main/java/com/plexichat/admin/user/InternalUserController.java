package com.plexichat.admin.user;

import com.plexichat.platform.api.ApiResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** user-service's {@code PUT /v1/users/{id}} with a status comes here (service credentials only). */
@RestController
class InternalUserController {

    private final UserAdministration users;

    InternalUserController(UserAdministration users) {
        this.users = users;
    }

    @PutMapping("/internal/users/{id}/status")
    ApiResponse<UserRecords.AdminUserResponse> changeStatus(
            @PathVariable UUID id, @Valid @RequestBody UserRecords.InternalChangeStatus request) {
        return ApiResponse.ok(users.changeStatus(id, request.status(), request.reason(), request.changedBy()));
    }
}
