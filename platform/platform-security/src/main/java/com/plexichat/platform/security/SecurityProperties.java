package com.plexichat.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.security.*}: how a service checks Keycloak's tokens.
 *
 * @param issuerUri the realm's issuer, e.g. {@code http://127.0.0.1:18080/realms/plexichat}
 * @param jwkSetUri where the signing keys are; defaults to the realm's certs endpoint
 * @param audience the audience every access token must carry
 * @param algorithms the only signature algorithms accepted (never {@code none}, never HMAC)
 * @param publicPaths paths reachable without a credential, besides health and metrics
 */
@ConfigurationProperties("plexichat.security")
public record SecurityProperties(
        String issuerUri, String jwkSetUri, String audience, List<String> algorithms, List<String> publicPaths) {

    public SecurityProperties {
        issuerUri = issuerUri == null ? "http://127.0.0.1:18080/realms/plexichat" : issuerUri;
        jwkSetUri = jwkSetUri == null ? issuerUri + "/protocol/openid-connect/certs" : jwkSetUri;
        audience = audience == null ? "plexichat-api" : audience;
        algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256") : List.copyOf(algorithms);
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
