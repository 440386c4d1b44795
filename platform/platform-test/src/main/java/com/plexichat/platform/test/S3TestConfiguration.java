package com.plexichat.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points file storage at the shared S3 server. */
@TestConfiguration(proxyBeanMethods = false)
public class S3TestConfiguration {

    @Bean
    S3Infrastructure s3Infrastructure() {
        return Infrastructure.s3();
    }

    @Bean
    DynamicPropertyRegistrar s3Properties(S3Infrastructure s3) {
        return registry -> {
            registry.add("plexichat.s3.endpoint", s3::endpoint);
            registry.add("plexichat.s3.access-key", s3::accessKey);
            registry.add("plexichat.s3.secret-key", s3::secretKey);
            registry.add("plexichat.s3.bucket", s3::bucket);
        };
    }
}
