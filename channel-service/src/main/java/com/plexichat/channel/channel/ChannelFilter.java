package com.plexichat.channel.channel;

import java.util.UUID;

/** Which channels a listing shows; null fields do not filter. */
record ChannelFilter(UUID organizationId, String type, Boolean archived) {}
