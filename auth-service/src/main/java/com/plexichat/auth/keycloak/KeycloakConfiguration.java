package com.plexichat.auth.keycloak;

import java.util.concurrent.TimeUnit;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.ClientBuilderWrapper;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakProperties.class)
class KeycloakConfiguration {

    @Bean(destroyMethod = "close")
    Keycloak keycloakAdmin(KeycloakProperties properties) {
        return KeycloakBuilder.builder()
                .serverUrl(properties.url())
                .realm(properties.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                // Bounded waits, as for the token endpoint; the provider is the one the default client registers.
                .resteasyClient(ClientBuilderWrapper.create(null, false)
                        .connectTimeout(2, TimeUnit.SECONDS)
                        .readTimeout(10, TimeUnit.SECONDS)
                        .register(new JacksonProvider(), 100)
                        .build())
                .build();
    }

    @Bean
    KeycloakUsers keycloakUsers(Keycloak admin, KeycloakProperties properties) {
        return new KeycloakUsers(admin.realm(properties.realm()));
    }

    @Bean
    KeycloakTokens keycloakTokens(RestClient.Builder builder, KeycloakProperties properties) {
        // Bounded waits: a stalled Keycloak is a 503 for the client, not a hung request thread.
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(2_000);
        requests.setReadTimeout(10_000);
        return new KeycloakTokens(builder.requestFactory(requests).build(), properties);
    }
}
