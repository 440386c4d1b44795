package com.plexichat.auth.keycloak;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.keycloak.*}: where the realm is and auth-service's confidential client. The
 * client's service account manages users; its secret comes only from the environment.
 */
@ConfigurationProperties("plexichat.keycloak")
public record KeycloakProperties(String url, String realm, String clientId, String clientSecret) {

    public KeycloakProperties {
        url = url == null ? "http://127.0.0.1:18080" : url.replaceAll("/+$", "");
        realm = realm == null ? "plexichat" : realm;
        clientId = clientId == null ? "auth-service" : clientId;
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalStateException(
                    "plexichat.keycloak.client-secret is not set (PLEXICHAT_AUTH_CLIENT_SECRET in the environment)");
        }
    }

    String openIdConnect(String endpoint) {
        return url + "/realms/" + realm + "/protocol/openid-connect/" + endpoint;
    }
}
