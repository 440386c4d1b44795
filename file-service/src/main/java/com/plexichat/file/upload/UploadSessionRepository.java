package com.plexichat.file.upload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface UploadSessionRepository extends JpaRepository<UploadSession, UUID> {

    List<UploadSession> findByExpiresAtBefore(Instant cutoff, Limit limit);
}
