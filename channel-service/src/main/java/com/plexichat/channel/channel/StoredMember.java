package com.plexichat.channel.channel;

import com.plexichat.platform.api.persistence.AssignedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A channel membership's row. */
@Entity
@Table(name = "channel_member")
@IdClass(StoredMember.Key.class)
class StoredMember extends AssignedId<StoredMember.Key> {

    record Key(UUID channelId, UUID userId) implements Serializable {}

    @Id
    private UUID channelId;

    @Id
    private UUID userId;

    private String role;
    private String permissionRole;
    private Instant joinedAt;

    protected StoredMember() {}

    StoredMember(UUID channelId, UUID userId, String role, String permissionRole, Instant joinedAt) {
        this.channelId = channelId;
        this.userId = userId;
        this.role = role;
        this.permissionRole = permissionRole;
        this.joinedAt = joinedAt;
    }

    ChannelMember toMember() {
        return new ChannelMember(userId, role, permissionRole, joinedAt);
    }

    @Override
    public Key getId() {
        return new Key(channelId, userId);
    }
}
