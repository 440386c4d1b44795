package com.plexichat.channel.permission;

import com.plexichat.channel.channel.Access;
import com.plexichat.channel.channel.Channels;
import com.plexichat.channel.channel.Permissions;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.channel.ChannelPermissionsUpdated;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A channel's permission table: role to permissions, read by its readers and changed by who administers it. */
@Service
class PermissionService {

    private final Channels channels;
    private final EventPublisher events;
    private final Clock clock;

    PermissionService(Channels channels, EventPublisher events, Clock clock) {
        this.channels = channels;
        this.events = events;
        this.clock = clock;
    }

    record PermissionsResponse(UUID channelId, Map<String, List<String>> roles, List<String> available) {}

    @Transactional(readOnly = true)
    PermissionsResponse permissions(UUID id, CurrentUser caller) {
        channels.readable(id, caller);
        return new PermissionsResponse(id, channels.permissions(id), Permissions.ALL);
    }

    /** Replaces the permissions of the roles given; the others keep theirs. */
    @Transactional
    PermissionsResponse updatePermissions(UUID id, Map<String, List<String>> roles, CurrentUser caller) {
        Access access = channels.lockedReadable(id, caller);
        if (!access.administers()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "Only channel or organization admins change a channel's permissions");
        }
        Map<String, List<String>> changes = validate(roles);
        changes.forEach((role, permissions) -> channels.setPermissions(id, role, permissions));
        Map<String, List<String>> table = channels.permissions(id);
        events.publish(
                ChannelPermissionsUpdated.TYPE,
                id.toString(),
                new ChannelPermissionsUpdated(id, access.channel().organizationId(), table, clock.instant()));
        return new PermissionsResponse(id, table, Permissions.ALL);
    }

    private static Map<String, List<String>> validate(Map<String, List<String>> roles) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        roles.forEach((role, permissions) -> {
            if (!Permissions.ROLES.contains(role)) {
                throw ApiException.invalid("roles." + role, "unknown role; roles are " + Permissions.ROLES);
            }
            if (Permissions.ADMIN.equals(role)) {
                throw new ApiException(
                        ErrorCode.BUSINESS_RULE_VIOLATION,
                        "The admin role always has every permission",
                        Map.of("field", "roles.admin"));
            }
            if (permissions == null) {
                throw ApiException.invalid("roles." + role, "must be a list of permissions");
            }
            for (String permission : permissions) {
                if (!Permissions.ALL.contains(permission)) {
                    throw ApiException.invalid(
                            "roles." + role,
                            "unknown permission " + permission + "; permissions are " + Permissions.ALL);
                }
            }
            changes.put(role, Permissions.ordered(permissions));
        });
        return changes;
    }
}
