package com.plexichat.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in user as auth-service knows them (the account; profiles are user-service's). {@code email} is the
 * verified address mail goes to; {@code pendingEmail} one the user asked to move to and has not verified yet.
 */
record UserResponse(
        UUID id,
        String username,
        String email,
        String displayName,
        boolean emailVerified,
        /* The address the user asked to move to, until its owner verifies it; null when none. */
        String pendingEmail,
        List<String> twoFactorMethods,
        List<String> roles,
        Instant createdAt) {}
