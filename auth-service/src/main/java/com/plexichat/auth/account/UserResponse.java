package com.plexichat.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The signed-in user as auth-service knows them (the account; profiles are user-service's). */
record UserResponse(
        UUID id,
        String username,
        String email,
        String displayName,
        boolean emailVerified,
        List<String> twoFactorMethods,
        List<String> roles,
        Instant createdAt) {}
