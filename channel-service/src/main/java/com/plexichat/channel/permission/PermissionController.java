package com.plexichat.channel.permission;

import com.plexichat.channel.permission.PermissionService.PermissionsResponse;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/channels/{id}/permissions")
class PermissionController {

    private final PermissionService permissions;

    PermissionController(PermissionService permissions) {
        this.permissions = permissions;
    }

    record UpdatePermissions(@NotNull @NotEmpty Map<String, List<String>> roles) {}

    @GetMapping
    ApiResponse<PermissionsResponse> permissions(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(permissions.permissions(id, caller));
    }

    @PutMapping
    ApiResponse<PermissionsResponse> updatePermissions(
            @PathVariable UUID id, @Valid @RequestBody UpdatePermissions request, CurrentUser caller) {
        return ApiResponse.ok(permissions.updatePermissions(id, request.roles(), caller));
    }
}
