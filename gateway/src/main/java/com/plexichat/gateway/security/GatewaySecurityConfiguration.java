package com.plexichat.gateway.security;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.gateway.config.RequestPattern;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.CurrentUsers;
import com.plexichat.platform.security.RevokedSessions;
import com.plexichat.platform.security.SecurityProperties;
import com.plexichat.platform.security.client.ServiceClients;
import com.plexichat.platform.security.client.StoredApiKeys;
import com.plexichat.platform.security.reactive.ReactiveJwtDecoders;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Who may pass: Keycloak access tokens (signature from the realm's JWKS with an algorithm
 * allow-list, issuer, audience, expiry, and not from a revoked session) or API keys; public routes
 * (register, login, refresh, password reset, health) without either. Everything refused is the 401
 * or 403 envelope. The security headers and request id come from platform-api's filter.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

    /** Where Spring Security's WebFilterChainProxy runs (WebFluxSecurityConfiguration). */
    private static final int SECURITY_CHAIN_ORDER = -100;

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

    /** admin-service's key store; the gateway caches its answers itself ({@link ApiKeyAuthentication}). */
    @Bean
    StoredApiKeys storedApiKeys(ServiceClients services) {
        return new StoredApiKeys(services, Duration.ZERO, Clock.systemUTC());
    }

    /** Wraps the service's probe, then the frame limit, which wraps the gateway's own WebSocket relay. */
    @Bean
    @Primary
    RevocableSockets revocableSockets(
            @Qualifier("frameLimitingWebSocketService") WebSocketService frameLimitingWebSocketService,
            HttpClient httpClient,
            @Value("${plexichat.gateway.socket-probe-timeout:10s}") Duration probeTimeout) {
        return new RevocableSockets(new SocketPreflight(frameLimitingWebSocketService, httpClient, probeTimeout));
    }

    /** Right after the security chain, which has set the principal. */
    @Bean
    @Order(SECURITY_CHAIN_ORDER + 1)
    WebFilter apiKeyHeaders() {
        return new ApiKeyHeaders();
    }

    /**
     * Keycloak's tokens as every service checks them, plus "not from a revoked session"; the signing keys are
     * fetched with bounded waits, and a failed fetch is the 503 envelope ({@link #identityProviderFailures}).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(
            LiveProperties<SecurityProperties> live,
            RevokedSessions revoked,
            @Value("${plexichat.gateway.jwks-timeout:5s}") Duration jwksTimeout) {
        return ReactiveJwtDecoders.keycloak(live.get(), jwksTimeout, 100_000, revoked.validator());
    }

    /**
     * Spring Security rethrows a token check that could not be completed (the JWKS fetch failed) rather
     * than calling it a bad token; the client gets the 503 envelope, not a 500.
     */
    @Bean
    @Order(SECURITY_CHAIN_ORDER - 1)
    WebFilter identityProviderFailures() {
        return (exchange, chain) -> chain.filter(exchange)
                .onErrorMap(
                        AuthenticationServiceException.class,
                        failure -> new ApiException(
                                ErrorCode.SERVICE_UNAVAILABLE,
                                "Identity provider unavailable; try again shortly",
                                Map.of("reason", "identity_provider_unavailable")));
    }

    /** Before the security chain: a socket URL's {@code ?token=} becomes the header the chain checks. */
    @Bean
    @Order(SECURITY_CHAIN_ORDER - 2)
    WebFilter socketTokenHeader() {
        return new SocketTokenHeader();
    }

    /** The revocation consumer commits no offsets: it reads back by time on every assignment instead. */
    @Bean
    ContainerPostProcessor<String, Object, AbstractMessageListenerContainer<String, Object>>
            revocationContainerPostProcessor() {
        return container -> {
            container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
            // How soon after its read-back the gateway turns ready (RevocationListener.onIdle).
            container.getContainerProperties().setIdleEventInterval(300L);
        };
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
            StoredApiKeys apiKeys,
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
                        .access(ApiKeyAuthentication.scopes()))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new BearerTokens(publicPatterns))
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(roles)))
                        .authenticationEntryPoint(failures)
                        .accessDeniedHandler(failures))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(failures).accessDeniedHandler(failures))
                .addFilterAt(
                        new ApiKeyAuthentication(apiKeys, revokedApiKeys, apiKeyCacheTtl, Clock.systemUTC())
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
