package com.plexichat.channel.channel;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/** One role's permissions in one channel (a PostgreSQL {@code text[]}). */
@Entity
@Table(name = "channel_permission")
@IdClass(StoredPermissions.Key.class)
class StoredPermissions implements Persistable<StoredPermissions.Key> {

    record Key(UUID channelId, String role) implements Serializable {}

    @Id
    private UUID channelId;

    @Id
    private String role;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> permissions;

    @Transient
    private boolean stored;

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

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    void stored() {
        stored = true;
    }
}
