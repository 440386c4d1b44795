package com.plexichat.channel.channel;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Each role's permissions in a channel (Spring Data JPA). Changes run under the channel's lock. */
interface StoredPermissionsRepository extends JpaRepository<StoredPermissions, StoredPermissions.Key> {

    List<StoredPermissions> findByChannelId(UUID channelId);
}
