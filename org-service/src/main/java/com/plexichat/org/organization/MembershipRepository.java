package com.plexichat.org.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Memberships (Spring Data JPA). Changes to one organization's members run under its lock. */
interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    Optional<Membership> findByOrganizationIdAndUserId(UUID organizationId, UUID userId);

    /** By when they joined. */
    List<Membership> findByOrganizationIdOrderByJoinedAtAscUserIdAsc(UUID organizationId, Pageable page);

    long countByOrganizationId(UUID organizationId);

    long countByOrganizationIdAndRole(UUID organizationId, String role);

    long countByUserId(UUID userId);

    @Query("select m.organizationId from Membership m where m.userId = :userId")
    List<UUID> organizationsOf(UUID userId);
}
