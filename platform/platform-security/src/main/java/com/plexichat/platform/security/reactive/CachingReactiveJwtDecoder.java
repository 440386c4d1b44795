package com.plexichat.platform.security.reactive;

import com.plexichat.platform.security.VerifiedTokens;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** The reactive twin of the services' caching decoder: a signature is verified once per token ({@link VerifiedTokens}). */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens verified;

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt cached;
        try {
            cached = verified.revalidated(token);
        } catch (JwtException refused) {
            return Mono.error(refused);
        }
        if (cached != null) {
            return Mono.just(cached);
        }
        // The delegate reports keys it could not fetch as an IllegalStateException; as a (non-"bad") JwtException
        // Spring Security treats it as a failed check rather than a refused token.
        return delegate.decode(token)
                .onErrorMap(
                        IllegalStateException.class,
                        failure -> new JwtException("Signing keys unavailable: " + failure.getMessage(), failure))
                .doOnNext(jwt -> verified.verified(token, jwt));
    }
}
