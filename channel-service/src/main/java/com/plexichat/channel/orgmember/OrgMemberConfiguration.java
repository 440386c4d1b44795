package com.plexichat.channel.orgmember;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrgMemberConfiguration.OrgServiceProperties.class)
class OrgMemberConfiguration {

    /**
     * {@code plexichat.org-service.*}: where org-service is ({@code lb://org-service}: an instance from
     * Eureka) and how long a membership lookup may take.
     */
    @ConfigurationProperties("plexichat.org-service")
    record OrgServiceProperties(URI url, Duration timeout) {

        OrgServiceProperties {
            url = url == null ? URI.create("lb://org-service") : url;
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        }
    }

    @Bean
    OrgServiceClient orgServiceClient(
            RestClient.Builder builder,
            OrgServiceProperties properties,
            ObjectProvider<LoadBalancerClient> loadBalancer,
            MeterRegistry meters) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.timeout());
        requests.setReadTimeout(properties.timeout());
        return new OrgServiceClient(builder.requestFactory(requests).build(), properties.url(), loadBalancer, meters);
    }
}
