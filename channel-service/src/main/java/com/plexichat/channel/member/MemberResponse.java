package com.plexichat.channel.member;

import com.plexichat.channel.channel.ChannelMember;
import java.time.Instant;
import java.util.UUID;

/** A channel member as the API shows it. */
record MemberResponse(UUID userId, String role, Instant joinedAt) {

    static MemberResponse of(ChannelMember member) {
        return new MemberResponse(member.userId(), member.role(), member.joinedAt());
    }
}
