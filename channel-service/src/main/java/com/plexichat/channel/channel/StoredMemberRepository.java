package com.plexichat.channel.channel;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Channel memberships (Spring Data JPA). Member changes run under the organization's lock. */
interface StoredMemberRepository extends JpaRepository<StoredMember, StoredMember.Key> {

    /** By when they joined. */
    List<StoredMember> findByChannelIdOrderByJoinedAtAscUserIdAsc(UUID channelId, Pageable page);

    long countByChannelId(UUID channelId);
}
