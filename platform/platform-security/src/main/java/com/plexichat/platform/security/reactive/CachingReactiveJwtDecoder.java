package com.plexichat.platform.security.reactive;

import com.plexichat.platform.security.VerifiedTokens;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** The reactive twin of the services' caching decoder: a signature is verified once per token ({@link VerifiedTokens}). */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private static final Logger log = LoggerFactory.getLogger(CachingReactiveJwtDecoder.class);

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens verified;
    private final Duration budget;

    /** @param budget how long one decode (signing keys included) may take before it is tried once more */
    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens verified, Duration budget) {
        this.delegate = delegate;
        this.verified = verified;
        this.budget = budget;
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
        // Bounded whatever happens below: a request without an answer for half a minute was seen (rarely) on a
        // fresh gateway's first token, with every thread idle. A decode that outlives its budget is tried once more,
        // then refused as keys unavailable, and said so in the log.
        return Mono.defer(() -> delegate.decode(token))
                .timeout(budget)
                .doOnError(TimeoutException.class, e -> log.warn("Decoding a token took over {}; trying again", budget))
                .retryWhen(Retry.max(1)
                        .filter(e -> e instanceof TimeoutException)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorMap(
                        TimeoutException.class,
                        failure -> new IllegalStateException("no answer within " + budget, failure))
                .onErrorMap(
                        IllegalStateException.class,
                        failure -> new JwtException("Signing keys unavailable: " + failure.getMessage(), failure))
                .doOnNext(jwt -> verified.verified(token, jwt));
    }
}
