package com.plexichat.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Verifies a token's signature once and serves it from {@link VerifiedTokens} until it expires. */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final VerifiedTokens verified;

    CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Jwt decode(String token) {
        Jwt cached = verified.revalidated(token);
        if (cached != null) {
            return cached;
        }
        Jwt jwt = delegate.decode(token);
        verified.verified(token, jwt);
        return jwt;
    }
}
