package com.plexichat.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A service test on real PostgreSQL and Kafka (shared per JVM), without Eureka or the config
 * server. Import {@link KeycloakTestConfiguration}, {@link S3TestConfiguration} or {@link
 * MailTestConfiguration} as well when the test needs them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.config.enabled=false",
            "eureka.client.enabled=false",
            "spring.cloud.discovery.enabled=false",
            "server.address=127.0.0.1"
        })
@Import({PostgresTestConfiguration.class, KafkaTestConfiguration.class})
public @interface IntegrationTest {}
