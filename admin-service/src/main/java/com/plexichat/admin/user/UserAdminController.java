package com.plexichat.admin.user;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/admin/users")
class UserAdminController {

    private final UserAdministration users;

    UserAdminController(UserAdministration users) {
        this.users = users;
    }

    @GetMapping
    ApiResponse<List<UserRecords.AdminUserResponse>> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String role,
            PageQuery page) {
        UserAdministration.Page result = users.list(q, status, role, page);
        return ApiResponse.page(result.items(), result.pagination());
    }

    @PutMapping("/{id}/status")
    ApiResponse<UserRecords.AdminUserResponse> changeStatus(
            @PathVariable UUID id, @Valid @RequestBody UserRecords.ChangeStatus request, CurrentUser caller) {
        return ApiResponse.ok(users.changeStatus(id, request.status(), request.reason(), caller.id()));
    }
}
