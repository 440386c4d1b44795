package com.plexichat.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.plexichat.gateway.config.RequestPattern;
import com.plexichat.platform.security.ApiKeyScopes;
import com.plexichat.platform.security.CurrentUser;
import com.plexichat.platform.security.client.StoredApiKeys;
import com.plexichat.platform.security.client.StoredApiKeys.StoredKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code X-API-Key} for internal and integration clients: the key's hash is looked up in admin-service's store, the
 * answer cached briefly by hash (so a key in use costs the store one lookup per TTL), a key revoked by event refused
 * at once, an expired one refused on the request after it expires. Scopes are enforced by {@link #scopes()}. The key
 * travels on to the service, which checks it again.
 */
final class ApiKeyAuthentication implements ReactiveAuthenticationManager {

    static final String HEADER = "X-API-Key";
    /** Set on the exchange when an API key lacks the scope a route needs, for the 403's details. */
    static final String REQUIRED_SCOPE = ApiKeyAuthentication.class.getName() + ".requiredScope";

    private final StoredApiKeys keys;
    private final RevokedApiKeys revoked;
    private final Cache<String, Optional<StoredKey>> cache;
    private final Clock clock;

    ApiKeyAuthentication(StoredApiKeys keys, RevokedApiKeys revoked, Duration cacheTtl, Clock clock) {
        this.keys = keys;
        this.revoked = revoked;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(10_000)
                .build();
        this.clock = clock;
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
        if (raw.isBlank()) {
            return Mono.error(new BadCredentialsException("Unknown or revoked API key"));
        }
        String hash = StoredApiKeys.hash(raw);
        Optional<StoredKey> cached = cache.getIfPresent(hash);
        Mono<Optional<StoredKey>> lookup = cached != null
                ? Mono.just(cached)
                // An HTTP call to admin-service: never on the event loop.
                : Mono.fromCallable(() -> {
                            Optional<StoredKey> found = keys.lookup(hash);
                            cache.put(hash, found);
                            return found;
                        })
                        .subscribeOn(Schedulers.boundedElastic());
        return lookup.flatMap(Mono::justOrEmpty)
                .filter(key -> key.usableAt(clock.instant()) && !revoked.isRevoked(key.id()))
                .map(StoredKey::principal)
                .<Authentication>map(principal -> UsernamePasswordAuthenticationToken.authenticated(
                        principal,
                        null,
                        principal.roles().stream()
                                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                                .toList()))
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown, expired or revoked API key")));
    }

    /**
     * Authenticated, and for an API key the scope of the route's family ({@link ApiKeyScopes}); a key without it is
     * the 403 envelope naming the scope.
     */
    static ReactiveAuthorizationManager<AuthorizationContext> scopes() {
        return (authentication, context) -> authentication
                .<AuthorizationResult>map(auth -> {
                    if (!auth.isAuthenticated()) {
                        return new AuthorizationDecision(false);
                    }
                    if (auth.getPrincipal() instanceof CurrentUser user && user.apiKey()) {
                        ServerWebExchange exchange = context.getExchange();
                        String method = exchange.getRequest().getMethod().name();
                        String path = exchange.getRequest()
                                .getPath()
                                .pathWithinApplication()
                                .value();
                        Optional<String> required = ApiKeyScopes.required(method, path);
                        if (required.isPresent() && !user.scopes().contains(required.get())) {
                            exchange.getAttributes().put(REQUIRED_SCOPE, required.get());
                            return new AuthorizationDecision(false);
                        }
                    }
                    return new AuthorizationDecision(true);
                })
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
