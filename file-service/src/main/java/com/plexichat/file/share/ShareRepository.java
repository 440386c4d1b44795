package com.plexichat.file.share;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ShareRepository extends JpaRepository<ShareLink, UUID> {

    @Modifying
    @Query("update ShareLink s set s.revokedAt = :now where s.fileId = :file and s.revokedAt is null")
    int revokeAll(@Param("file") UUID fileId, @Param("now") Instant now);
}
