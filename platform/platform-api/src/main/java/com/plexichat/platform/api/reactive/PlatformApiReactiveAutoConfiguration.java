package com.plexichat.platform.api.reactive;

import com.plexichat.platform.api.PlatformApiAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** Request ids, security headers and error envelopes for reactive apps (the gateway). */
@AutoConfiguration(after = PlatformApiAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class PlatformApiReactiveAutoConfiguration {

    @Bean
    RequestIdWebFilter plexichatRequestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    EnvelopeWebExceptionHandler plexichatEnvelopeWebExceptionHandler(JsonMapper mapper) {
        return new EnvelopeWebExceptionHandler(mapper);
    }
}
