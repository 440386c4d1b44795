package com.plexichat.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Access tokens whose signature was already verified, kept until they expire. A client sends the same token with
 * every call for minutes, and RSA verification was a sixth of messaging-service's CPU per sent message
 * (MessagingBenchmark, JFR). A cached token is handed out only after the validators ran again, so expiry (and at
 * the gateway, revocation) counts on every request. Shared by the servlet ({@link CachingJwtDecoder}) and the
 * reactive ({@code reactive.CachingReactiveJwtDecoder}) decoders.
 */
public final class VerifiedTokens {

    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    public VerifiedTokens(OAuth2TokenValidator<Jwt> validator, long maximumSize) {
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
                .build();
    }

    /**
     * @return the token as verified earlier, after its validators passed again; null when it was not seen yet
     * @throws JwtValidationException when a validator refuses it now
     */
    public Jwt revalidated(String token) {
        Jwt cached = verified.getIfPresent(token);
        if (cached == null) {
            return null;
        }
        OAuth2TokenValidatorResult result = validator.validate(cached);
        if (result.hasErrors()) {
            throw new JwtValidationException(
                    result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return cached;
    }

    /** Remembers a token the delegate decoder verified (signature and validators). */
    public void verified(String token, Jwt jwt) {
        verified.put(token, jwt);
    }

    private static Duration untilExpiry(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
