package com.plexichat.channel.channel;

import com.plexichat.platform.api.persistence.AssignedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One role's permissions in one channel (a PostgreSQL {@code text[]}). */
@Entity
@Table(name = "channel_permission")
@IdClass(StoredPermissions.Key.class)
class StoredPermissions extends AssignedId<StoredPermissions.Key> {

    record Key(UUID channelId, String role) implements Serializable {}

    @Id
    private UUID channelId;

    @Id
    private String role;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> permissions;

    protected StoredPermissions() {}

    StoredPermissions(UUID channelId, String role, List<String> permissions) {
        this.channelId = channelId;
        this.role = role;
        this.permissions = List.copyOf(permissions);
    }

    String role() {
        return role;
    }

    List<String> permissions() {
        return permissions == null ? List.of() : permissions;
    }

    void permissions(List<String> permissions) {
        this.permissions = List.copyOf(permissions);
    }

    @Override
    public Key getId() {
        return new Key(channelId, role);
    }
}
