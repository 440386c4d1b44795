package com.plexichat.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A client sends the same access token with every call for minutes. Its signature is checked once
 * (the delegate: parsing, JWKS key, RSA verification, every validator); later calls with the same
 * token only run the validators again, so expiry and revocation count on every request. A token
 * leaves the cache when it expires, and the cache is bounded.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    CachingJwtDecoder(ReactiveJwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, long maximumSize) {
        this.delegate = delegate;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt cached = verified.getIfPresent(token);
        if (cached == null) {
            // The delegate reports keys it could not fetch as an IllegalStateException; as a (non-"bad") JwtException
            // Spring Security treats it as a failed check rather than a refused token.
            return delegate.decode(token)
                    .onErrorMap(
                            IllegalStateException.class,
                            failure -> new JwtException("Signing keys unavailable: " + failure.getMessage(), failure))
                    .doOnNext(jwt -> verified.put(token, jwt));
        }
        OAuth2TokenValidatorResult result = validator.validate(cached);
        if (result.hasErrors()) {
            return Mono.error(new JwtValidationException(
                    result.getErrors().iterator().next().getDescription(), result.getErrors()));
        }
        return Mono.just(cached);
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
