package com.plexichat.platform.security.reactive;

import com.plexichat.platform.security.JwtValidation;
import com.plexichat.platform.security.SecurityProperties;
import com.plexichat.platform.security.VerifiedTokens;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The reactive half of platform-security: a decoder for Keycloak's access tokens in a WebFlux process (the
 * gateway), with the same rules as the services' ({@link JwtValidation}) and the same cache of verified tokens.
 */
public final class ReactiveJwtDecoders {

    private ReactiveJwtDecoders() {}

    /**
     * The signing keys come from Keycloak with bounded waits: the default client would wait forever for a stalled
     * identity provider, and every request with a new token (or an unknown key id) would hang with it. Keys are
     * fetched rarely, so an idle connection is not kept for long (the server may have dropped it), and one failed
     * or stalled fetch is tried once more on a fresh connection within the budget.
     *
     * @param jwksTimeout the whole budget of one key fetch, both attempts
     * @param additional validators beyond issuer, audience and time (revocation at the gateway)
     * @param maximumCached how many verified tokens are kept
     */
    @SafeVarargs
    public static ReactiveJwtDecoder keycloak(
            SecurityProperties properties,
            Duration jwksTimeout,
            long maximumCached,
            OAuth2TokenValidator<Jwt>... additional) {
        Duration attempt = jwksTimeout.dividedBy(2);
        HttpClient jwksClient = HttpClient.create(ConnectionProvider.builder("jwks")
                        .maxConnections(4)
                        .maxIdleTime(Duration.ofSeconds(10))
                        .pendingAcquireTimeout(attempt)
                        .build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(attempt.toMillis(), 2_000))
                .responseTimeout(attempt);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(JwtValidation.algorithms(properties)))
                .webClient(WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(jwksClient))
                        .filter((request, next) -> next.exchange(request).retry(1))
                        .build())
                .build();
        OAuth2TokenValidator<Jwt> validator = JwtValidation.validator(properties, additional);
        decoder.setJwtValidator(validator);
        return new CachingReactiveJwtDecoder(
                decoder, new VerifiedTokens(validator, maximumCached), jwksTimeout.plusSeconds(1));
    }
}
