package com.plexichat.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.security.*}: how a service (and the gateway) checks Keycloak's tokens and API keys.
 *
 * @param issuerUri the realm's issuer, e.g. {@code http://127.0.0.1:18080/realms/plexichat}
 * @param jwkSetUri where the signing keys are; defaults to the realm's certs endpoint
 * @param audience the audience every access token must carry
 * @param algorithms the only signature algorithms accepted (never {@code none}, never HMAC)
 * @param clockSkew how far a token's {@code exp}/{@code nbf} may be off (clocks of Keycloak and us)
 * @param jwksTimeout how long fetching Keycloak's key set may take (connect, and then the answer) before the
 *     request is a 503: a stalled Keycloak never holds request threads
 * @param publicPaths paths reachable without a credential, besides health and metrics
 * @param apiKeys keys from before admin-service's store: admin-service imports them once (by id) at start
 */
@ConfigurationProperties("plexichat.security")
public record SecurityProperties(
        String issuerUri,
        String jwkSetUri,
        String audience,
        List<String> algorithms,
        Duration clockSkew,
        Duration jwksTimeout,
        List<String> publicPaths,
        List<ApiKey> apiKeys) {

    public SecurityProperties {
        issuerUri = issuerUri == null ? "http://127.0.0.1:18080/realms/plexichat" : issuerUri;
        jwkSetUri = jwkSetUri == null ? issuerUri + "/protocol/openid-connect/certs" : jwkSetUri;
        audience = audience == null ? "plexichat-api" : audience;
        algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256") : List.copyOf(algorithms);
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        jwksTimeout = jwksTimeout == null ? Duration.ofSeconds(3) : jwksTimeout;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /**
     * One API key: never the key itself, only its SHA-256 (hex). Keys are 256-bit random strings,
     * so a fast hash is enough: there is nothing to brute-force.
     *
     * @param id the key's id: rate limits and audit logs name it, revocation events carry it
     * @param name who holds it, for people reading logs
     * @param sha256 hex SHA-256 of the key ({@code StoredApiKeys.hash})
     * @param roles what the key could do before scopes (ignored; give it {@code scopes})
     * @param scopes what the key may do ({@link ApiKeyScopes})
     * @param revoked true to import it revoked
     */
    public record ApiKey(
            UUID id, String name, String sha256, List<String> roles, List<String> scopes, boolean revoked) {

        public ApiKey {
            roles = roles == null ? List.of() : List.copyOf(roles);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }
}
