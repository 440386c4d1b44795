package com.plexichat.gateway.security;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.gateway.config.RequestPattern;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.ApiKeyAuthenticator;
import com.plexichat.platform.security.ConfiguredApiKeys;
import com.plexichat.platform.security.CurrentUsers;
import com.plexichat.platform.security.JwtValidation;
import com.plexichat.platform.security.SecurityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;

/**
 * Who may pass: Keycloak access tokens (signature from the realm's JWKS with an algorithm
 * allow-list, issuer, audience, expiry, and not from a revoked session) or API keys; public routes
 * (register, login, refresh, password reset, health) without either. Everything refused is the 401
 * or 403 envelope. The security headers and request id come from platform-api's filter.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

    @Bean
    LiveProperties<SecurityProperties> liveSecurityProperties(ConfigurableEnvironment environment) {
        return new LiveProperties<>(environment, "plexichat.security", SecurityProperties.class);
    }

    @Bean
    RevokedSessions revokedSessions(@Value("${plexichat.gateway.revocation.retention:10m}") Duration retention) {
        return new RevokedSessions(retention);
    }

    @Bean
    RevokedApiKeys revokedApiKeys() {
        return new RevokedApiKeys();
    }

    /** Until admin-service manages API keys they come from configuration, refreshed like any setting. */
    @Bean
    @ConditionalOnMissingBean(ApiKeyAuthenticator.class)
    ConfiguredApiKeys configuredApiKeys(LiveProperties<SecurityProperties> properties) {
        return new ConfiguredApiKeys(properties.derive(ConfiguredApiKeys::index));
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(LiveProperties<SecurityProperties> live, RevokedSessions revoked) {
        SecurityProperties properties = live.get();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(JwtValidation.algorithms(properties)))
                .build();
        OAuth2TokenValidator<Jwt> validator = JwtValidation.validator(properties, revoked.validator());
        decoder.setJwtValidator(validator);
        return new CachingJwtDecoder(decoder, validator, 100_000);
    }

    /** The revocation consumer commits no offsets: it reads back by time on every assignment instead. */
    @Bean
    ContainerPostProcessor<String, Object, AbstractMessageListenerContainer<String, Object>>
            revocationContainerPostProcessor() {
        return container -> container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
    }

    /** The firewall's refusals (encoded slashes, {@code ..}, bad characters) as the 400 envelope. */
    @Bean
    ServerExchangeRejectedHandler rejectedExchanges() {
        return (exchange, rejected) ->
                Mono.error(new ApiException(ErrorCode.VALIDATION_ERROR, "Malformed request path or header"));
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(
            ServerHttpSecurity http,
            LiveProperties<SecurityProperties> properties,
            ReactiveJwtDecoder decoder,
            ApiKeyAuthenticator apiKeys,
            RevokedApiKeys revokedApiKeys,
            MeterRegistry meters,
            @Value("${plexichat.gateway.api-key-cache-ttl:30s}") Duration apiKeyCacheTtl) {
        AuthenticationFailures failures = new AuthenticationFailures(meters);
        List<RequestPattern> publicPatterns =
                RequestPattern.parseAll(properties.get().publicPaths());

        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(jwt -> CurrentUsers.realmRoles(jwt).stream()
                .map(role ->
                        (org.springframework.security.core.GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList());

        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(publicRoutes(publicPatterns))
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new BearerTokens(publicPatterns))
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(roles)))
                        .authenticationEntryPoint(failures)
                        .accessDeniedHandler(failures))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(failures).accessDeniedHandler(failures))
                .addFilterAt(
                        new ApiKeyAuthentication(apiKeys, revokedApiKeys, apiKeyCacheTtl)
                                .filter(failures, publicPatterns),
                        SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }

    private static ServerWebExchangeMatcher publicRoutes(List<RequestPattern> patterns) {
        return exchange -> RequestPattern.anyMatches(patterns, exchange.getRequest())
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }
}
