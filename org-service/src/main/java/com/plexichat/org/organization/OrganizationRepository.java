package com.plexichat.org.organization;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Organizations (Spring Data JPA: a plain aggregate, read by id and in pages of a user's). */
interface OrganizationRepository extends JpaRepository<Organization, UUID> {

    /** An organization and how many members it has: the shape every answer shows. */
    record Counted(Organization organization, long memberCount) {}

    @Query("""
            select new com.plexichat.org.organization.OrganizationRepository$Counted(o,
                   (select count(m) from Membership m where m.organizationId = o.id))
            from Organization o where o.id = :id
            """)
    Optional<Counted> findCounted(UUID id);

    /** The user's organizations by name. */
    @Query("""
            select new com.plexichat.org.organization.OrganizationRepository$Counted(o,
                   (select count(m) from Membership m where m.organizationId = o.id))
            from Organization o
            where exists (select 1 from Membership me where me.organizationId = o.id and me.userId = :userId)
            order by o.name, o.id
            """)
    List<Counted> ofUser(UUID userId, Pageable page);

    /** The organization locked for this transaction (member changes of one organization take turns). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Organization o where o.id = :id")
    Optional<Organization> lock(UUID id);

    boolean existsBySlugAndIdNot(String slug, UUID id);

    boolean existsBySlug(String slug);
}
