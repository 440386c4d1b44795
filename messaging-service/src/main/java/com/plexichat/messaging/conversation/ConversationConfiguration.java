package com.plexichat.messaging.conversation;

import com.plexichat.platform.security.SecurityProperties;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationConfiguration.ChannelServiceProperties.class)
class ConversationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConversationConfiguration.class);
    private static final String REGISTRATION = "plexichat-service";

    /**
     * {@code plexichat.channel-service.*}: where channel-service is ({@code lb://}: through Eureka), the
     * budget of one access check, and this service's Keycloak client (client credentials; the realm gives
     * its service account the role {@code service}). Without a secret there is no fallback: the replica
     * alone decides (as in tests without channel-service).
     */
    @ConfigurationProperties("plexichat.channel-service")
    record ChannelServiceProperties(URI url, Duration timeout, String clientId, String clientSecret) {

        ChannelServiceProperties {
            url = url == null ? URI.create("lb://channel-service") : url;
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
            clientId = clientId == null ? "messaging-service" : clientId;
        }
    }

    @Bean
    ChannelAccessClient channelAccessClient(
            RestClient.Builder builder,
            ChannelServiceProperties properties,
            SecurityProperties security,
            ObjectProvider<LoadBalancerClient> loadBalancer) {
        if (properties.clientSecret() == null || properties.clientSecret().isBlank()) {
            log.warn("plexichat.channel-service.client-secret is not set: channel access comes from the replica only");
            return new ChannelAccessClient(null, properties.url(), loadBalancer);
        }
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .tokenUri(security.issuerUri() + "/protocol/openid-connect/token")
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        AuthorizedClientServiceOAuth2AuthorizedClientManager tokens =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                        registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        // The token request gets the same bounded waits as the check itself.
        RestClientClientCredentialsTokenResponseClient tokenRequests =
                new RestClientClientCredentialsTokenResponseClient();
        tokenRequests.setRestClient(RestClient.builder()
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .requestFactory(requests)
                .build());
        tokens.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(c -> c.accessTokenResponseClient(tokenRequests))
                .build());
        OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(tokens);
        bearer.setClientRegistrationIdResolver(request -> REGISTRATION);

        return new ChannelAccessClient(
                builder.requestFactory(requests).requestInterceptor(bearer).build(), properties.url(), loadBalancer);
    }
}
