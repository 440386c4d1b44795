package com.plexichat.channel.channel;

import java.util.UUID;

/** A channel a user is a member of, and its organization. */
public record ChannelMembership(UUID channelId, UUID organizationId) {}
