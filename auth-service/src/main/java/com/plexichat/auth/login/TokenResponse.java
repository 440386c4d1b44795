package com.plexichat.auth.login;

import com.plexichat.auth.keycloak.TokenSet;

/** What a successful login or refresh gives the client (API-CONVENTIONS "Auth tokens"). */
public record TokenResponse(
        String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn) {

    public static TokenResponse of(TokenSet tokens) {
        return new TokenResponse(
                tokens.accessToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn(), tokens.refreshExpiresIn());
    }
}
