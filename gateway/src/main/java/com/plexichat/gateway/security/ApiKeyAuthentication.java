package com.plexichat.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.plexichat.gateway.config.RequestPattern;
import com.plexichat.platform.security.ApiKeyAuthenticator;
import com.plexichat.platform.security.ConfiguredApiKeys;
import com.plexichat.platform.security.CurrentUser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code X-API-Key} for internal and integration clients: the key is looked up through the one
 * {@link ApiKeyAuthenticator} interface (configuration today, admin-service later), the answer cached
 * briefly by the key's hash, and a key revoked by event refused at once. The key travels on to the
 * service, which checks it again.
 */
final class ApiKeyAuthentication implements ReactiveAuthenticationManager {

    static final String HEADER = "X-API-Key";

    private final ApiKeyAuthenticator keys;
    private final RevokedApiKeys revoked;
    private final Cache<String, Optional<CurrentUser>> cache;

    ApiKeyAuthentication(ApiKeyAuthenticator keys, RevokedApiKeys revoked, Duration cacheTtl) {
        this.keys = keys;
        this.revoked = revoked;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(10_000)
                .build();
    }

    AuthenticationWebFilter filter(ServerAuthenticationEntryPoint entryPoint, List<RequestPattern> publicRoutes) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(this);
        filter.setServerAuthenticationConverter(exchange ->
                RequestPattern.anyMatches(publicRoutes, exchange.getRequest()) ? Mono.empty() : convert(exchange));
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }

    private static Mono<Authentication> convert(ServerWebExchange exchange) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        return key == null ? Mono.empty() : Mono.just(UsernamePasswordAuthenticationToken.unauthenticated(null, key));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String raw = String.valueOf(authentication.getCredentials());
        String hash = ConfiguredApiKeys.hash(raw);
        Optional<CurrentUser> cached = cache.getIfPresent(hash);
        Mono<Optional<CurrentUser>> lookup = cached != null
                ? Mono.just(cached)
                // A store other than configuration may block (HTTP, database): never on the event loop.
                : Mono.fromCallable(() -> {
                            Optional<CurrentUser> found = keys.authenticate(raw);
                            cache.put(hash, found);
                            return found;
                        })
                        .subscribeOn(Schedulers.boundedElastic());
        return lookup.flatMap(Mono::justOrEmpty)
                .filter(principal -> !revoked.isRevoked(principal.id()))
                .<Authentication>map(principal -> UsernamePasswordAuthenticationToken.authenticated(
                        principal,
                        null,
                        principal.roles().stream()
                                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                                .toList()))
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown or revoked API key")));
    }
}
