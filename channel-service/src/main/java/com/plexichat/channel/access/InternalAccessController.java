package com.plexichat.channel.access;

import com.plexichat.channel.channel.Access;
import com.plexichat.channel.channel.Channels;
import com.plexichat.channel.channel.Permissions;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "May user U do P in channel C", for another service whose replica of channel events has not seen the
 * user yet (a member added a moment ago must be able to post at once). Service credentials only (the
 * realm role {@code service}, from a service account's token or an API key); the gateway routes only
 * {@code /v1}, so clients never reach it.
 */
@RestController
class InternalAccessController {

    private final Channels channels;

    InternalAccessController(Channels channels) {
        this.channels = channels;
    }

    /**
     * @param allowed whether the user holds the permission asked for ({@code ?permission=}); null when none was
     * @param permissionRole whose permissions apply: admin, member or guest; null when not a member
     */
    record AccessResponse(
            UUID channelId,
            UUID organizationId,
            UUID userId,
            String type,
            boolean archived,
            boolean readable,
            boolean member,
            String role,
            String permissionRole,
            List<String> permissions,
            Boolean allowed) {}

    @GetMapping("/internal/channels/{id}/access/{userId}")
    ApiResponse<AccessResponse> access(
            @PathVariable UUID id, @PathVariable UUID userId, @RequestParam(required = false) String permission) {
        if (permission != null && !Permissions.ALL.contains(permission)) {
            throw ApiException.invalid("permission", "unknown; permissions are " + Permissions.ALL);
        }
        Access access = channels.accessOf(id, userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Channel not found"));
        return ApiResponse.ok(new AccessResponse(
                id,
                access.channel().organizationId(),
                userId,
                access.channel().type(),
                access.channel().archived(),
                access.readable(),
                access.member().isPresent(),
                access.member().map(member -> member.role()).orElse(null),
                access.member().map(member -> member.permissionRole()).orElse(null),
                access.permissions(),
                permission == null ? null : access.can(permission)));
    }
}
