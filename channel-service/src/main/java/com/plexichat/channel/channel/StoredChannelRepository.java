package com.plexichat.channel.channel;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Channels by id (Spring Data JPA); the lists of what a user may read are SQL in {@link ChannelRepository}. */
interface StoredChannelRepository extends JpaRepository<StoredChannel, UUID> {

    /** The channel locked for this transaction: member and permission changes of one channel take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from StoredChannel c where c.id = :id")
    Optional<StoredChannel> lock(UUID id);

    @Query("select c.id from StoredChannel c where c.organizationId = :organizationId")
    List<UUID> idsOf(UUID organizationId);
}
