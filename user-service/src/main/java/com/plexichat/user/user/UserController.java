package com.plexichat.user.user;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    ApiResponse<List<UserRecords.UserResponse>> list(
            @RequestParam(required = false) String q,
            @RequestParam(name = "organization_id", required = false) UUID organizationId,
            PageQuery page,
            CurrentUser caller) {
        UserService.Page result = users.list(q, organizationId, page, caller);
        return ApiResponse.page(result.items(), result.pagination());
    }

    @GetMapping("/{id}")
    ApiResponse<UserRecords.UserResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(users.get(id, caller));
    }

    @PutMapping("/{id}")
    ApiResponse<UserRecords.UserResponse> update(
            @PathVariable UUID id, @Valid @RequestBody UserRecords.UpdateUser request, CurrentUser caller) {
        return ApiResponse.ok(users.update(id, request, caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser caller) {
        users.requestDeletion(id, caller);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{id}/profile")
    ApiResponse<UserRecords.ProfileResponse> profile(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(users.profile(id, caller));
    }

    @PutMapping("/{id}/profile")
    ApiResponse<UserRecords.ProfileResponse> updateProfile(
            @PathVariable UUID id, @Valid @RequestBody UserRecords.UpdateProfile request, CurrentUser caller) {
        return ApiResponse.ok(users.updateProfile(id, request, caller));
    }
}
