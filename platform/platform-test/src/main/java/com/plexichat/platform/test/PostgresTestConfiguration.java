package com.plexichat.platform.test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points the service's DataSource at the shared PostgreSQL, in a database named after the service. */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

    @Bean
    PostgresInfrastructure postgresInfrastructure() {
        return Infrastructure.postgres();
    }

    @Bean
    DynamicPropertyRegistrar postgresProperties(
            PostgresInfrastructure postgres, @Value("${spring.application.name:test}") String application) {
        return registry -> {
            registry.add("spring.datasource.url", () -> postgres.jdbcUrl(application));
            registry.add("spring.datasource.username", postgres::username);
            registry.add("spring.datasource.password", postgres::password);
        };
    }
}
