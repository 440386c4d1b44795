package com.plexichat.channel.channel;

import java.time.Instant;
import java.util.UUID;

/**
 * A member of a channel.
 *
 * @param role admin or member: what they are in the channel
 * @param permissionRole admin, member or guest: whose permissions the member has
 */
public record ChannelMember(UUID userId, String role, String permissionRole, Instant joinedAt) {}
