package com.plexichat.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points Spring Mail at the shared SMTP server. */
@TestConfiguration(proxyBeanMethods = false)
public class MailTestConfiguration {

    @Bean
    MailInfrastructure mailInfrastructure() {
        return Infrastructure.mail();
    }

    @Bean
    DynamicPropertyRegistrar mailProperties(MailInfrastructure mail) {
        return registry -> {
            registry.add("spring.mail.host", mail::smtpHost);
            registry.add("spring.mail.port", mail::smtpPort);
        };
    }
}
