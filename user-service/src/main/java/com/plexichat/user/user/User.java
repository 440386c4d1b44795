package com.plexichat.user.user;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code app_user}; never leaves the service layer. */
record User(
        UUID id,
        String username,
        String email,
        String displayName,
        UUID avatarFileId,
        String avatarUrl,
        String bio,
        String timezone,
        String title,
        String status,
        Instant createdAt) {}
