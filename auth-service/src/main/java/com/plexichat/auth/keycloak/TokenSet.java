package com.plexichat.auth.keycloak;

/**
 * Tokens from the realm's token endpoint, as clients receive them.
 *
 * @param sessionId Keycloak's session ({@code sid} of the access token, {@code session_state})
 */
public record TokenSet(
        String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn, String sessionId) {}
