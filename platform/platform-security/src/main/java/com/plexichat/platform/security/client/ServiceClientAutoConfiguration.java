package com.plexichat.platform.security.client;

import com.plexichat.platform.security.ApiKeyAuthenticator;
import com.plexichat.platform.security.SecurityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestInterceptor;
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

/**
 * {@link ServiceClients} for every service and the gateway (which calls from worker threads, never the event loop): Spring Security's OAuth2 client (client credentials, the
 * token cached by the authorized-client manager until it expires) on the Boot-built {@link RestClient.Builder}
 * (so the request id travels along), through Spring Cloud's load balancer.
 */
@AutoConfiguration(after = RestClientAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass({RestClient.class, OAuth2ClientHttpRequestInterceptor.class, LoadBalancerClient.class})
@EnableConfigurationProperties({ServiceClientProperties.class, SecurityProperties.class})
public class ServiceClientAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceClientAutoConfiguration.class);
    private static final String REGISTRATION = "plexichat-service";

    @Bean
    ServiceClients plexichatServiceClients(
            ServiceClientProperties properties,
            SecurityProperties security,
            @Value("${spring.application.name:plexichat}") String application,
            ObjectProvider<RestClient.Builder> builders,
            ObjectProvider<LoadBalancerClient> loadBalancer,
            ObjectProvider<MeterRegistry> meters) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        RestClient.Builder builder = builders.getIfAvailable(RestClient::builder);
        ClientHttpRequestInterceptor bearer = null;
        if (properties.hasCredentials()) {
            bearer = bearer(
                    properties,
                    security,
                    properties.clientId() == null ? application : properties.clientId(),
                    requests);
        } else {
            log.warn(
                    "plexichat.service-client.client-secret is not set: {} makes no calls to other services and"
                            + " relies on its replicas alone",
                    application);
        }
        return new ServiceClients(
                properties,
                builder,
                requests,
                bearer,
                loadBalancer,
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /**
     * {@code X-API-Key} checked against admin-service's store, unless the service has its own lookup (admin-service,
     * which is the store).
     */
    @Bean
    @ConditionalOnMissingBean(ApiKeyAuthenticator.class)
    StoredApiKeys plexichatStoredApiKeys(
            ServiceClients services, @Value("${plexichat.security.api-key-cache-ttl:30s}") Duration cacheTtl) {
        return new StoredApiKeys(services, cacheTtl, Clock.systemUTC());
    }

    private static ClientHttpRequestInterceptor bearer(
            ServiceClientProperties properties,
            SecurityProperties security,
            String clientId,
            SimpleClientHttpRequestFactory requests) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .tokenUri(security.issuerUri() + "/protocol/openid-connect/token")
                .clientId(clientId)
                .clientSecret(properties.clientSecret())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        AuthorizedClientServiceOAuth2AuthorizedClientManager tokens =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                        registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
        // The token request gets the same bounded waits as the calls themselves.
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
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(tokens);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION);
        return interceptor;
    }
}
