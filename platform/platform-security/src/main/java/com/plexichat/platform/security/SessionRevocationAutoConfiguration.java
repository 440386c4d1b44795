package com.plexichat.platform.security;

import com.plexichat.platform.events.EventEnvelope;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Services refuse the tokens of revoked sessions themselves, not only behind the gateway: defence in depth for a
 * request that reaches a service some other way. The tokens are checked by {@link PlatformSecurityAutoConfiguration}'s
 * decoder, which takes the {@link RevokedSessions} from here.
 */
@AutoConfiguration(before = PlatformSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({EventEnvelope.class, org.springframework.kafka.annotation.KafkaListener.class})
@ConditionalOnProperty(name = "plexichat.security.follow-revocations", havingValue = "true", matchIfMissing = true)
public class SessionRevocationAutoConfiguration {

    /** At least the realm's access-token lifespan (5 minutes): then a revoked session's tokens have expired. */
    @Bean
    @ConditionalOnMissingBean
    RevokedSessions plexichatRevokedSessions(
            @Value("${plexichat.security.revocation-retention:10m}") Duration retention) {
        return new RevokedSessions(retention);
    }

    @Bean
    SessionRevocationListener plexichatSessionRevocationListener(
            RevokedSessions sessions,
            JsonMapper mapper,
            @Value("${plexichat.security.revocation-retention:10m}") Duration retention) {
        return new SessionRevocationListener(sessions, mapper, retention);
    }

    /** No offsets committed: the group is this replica's alone, and it reads back by time on every assignment. */
    @Bean
    ContainerPostProcessor<String, Object, AbstractMessageListenerContainer<String, Object>>
            plexichatRevocationContainerPostProcessor() {
        return container -> container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
    }
}
