package com.plexichat.channel.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one user may do in one channel. Readable: its members; in the organization, owners and admins
 * read every channel and members the public and voice ones. Permissions: the member's role in the
 * channel's table; an archived channel keeps only the managing ones; organization owners and admins
 * manage every channel of their organization.
 */
public record Access(
        UUID userId,
        Channel channel,
        Optional<String> orgRole,
        Optional<ChannelMember> member,
        List<String> permissions) {

    static Access of(
            UUID userId,
            Channel channel,
            Optional<String> orgRole,
            Optional<ChannelMember> member,
            Map<String, List<String>> table) {
        List<String> rolePermissions = member.map(m -> table.getOrDefault(m.permissionRole(), List.of()))
                .orElse(List.of());
        return new Access(userId, channel, orgRole, member, effective(channel, orgRole, member, rolePermissions));
    }

    static List<String> effective(
            Channel channel, Optional<String> orgRole, Optional<ChannelMember> member, List<String> rolePermissions) {
        List<String> granted = new ArrayList<>(member.isPresent() ? rolePermissions : List.of());
        if (channel.archived()) {
            granted.retainAll(Permissions.WHILE_ARCHIVED);
        }
        if (isOrgAdmin(orgRole)) {
            granted.addAll(Permissions.ORGANIZATION_ADMINS);
        }
        return Permissions.ordered(granted);
    }

    static boolean readable(Channel channel, Optional<String> orgRole, Optional<ChannelMember> member) {
        return member.isPresent()
                || isOrgAdmin(orgRole)
                || (!"private".equals(channel.type())
                        && orgRole.filter("member"::equals).isPresent());
    }

    public boolean readable() {
        return readable(channel, orgRole, member);
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    /** A channel admin, or an owner or admin of the organization: who may hand out admin and permissions. */
    public boolean administers() {
        return member.filter(m -> Permissions.ADMIN.equals(m.role())).isPresent() || isOrgAdmin(orgRole);
    }

    public boolean isChannelAdmin() {
        return member.filter(m -> Permissions.ADMIN.equals(m.role())).isPresent();
    }

    public boolean isOrgOwner() {
        return orgRole.filter("owner"::equals).isPresent();
    }

    public boolean isOrgGuest() {
        return orgRole.filter(Permissions.GUEST::equals).isPresent();
    }

    /** The permission role the user has in the channel, or would have on joining it. */
    public String permissionRole() {
        return member.map(ChannelMember::permissionRole).orElse(isOrgGuest() ? Permissions.GUEST : Permissions.MEMBER);
    }

    private static boolean isOrgAdmin(Optional<String> orgRole) {
        return orgRole.filter(role -> role.equals("owner") || role.equals("admin"))
                .isPresent();
    }
}
