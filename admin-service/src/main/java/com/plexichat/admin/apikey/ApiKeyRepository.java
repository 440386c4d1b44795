package com.plexichat.admin.apikey;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    Optional<ApiKey> findBySecretHash(String secretHash);

    boolean existsByPrefix(String prefix);

    Page<ApiKey> findAllByOrderByCreatedAtDescIdDesc(Pageable page);

    /** At most one write per key per {@code resolution}, however many requests use it. */
    @Modifying
    @Query("""
            update ApiKey k set k.lastUsedAt = :now
            where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :before)
            """)
    int used(UUID id, Instant now, Instant before);
}
