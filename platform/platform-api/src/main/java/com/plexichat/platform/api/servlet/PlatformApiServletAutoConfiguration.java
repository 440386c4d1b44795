package com.plexichat.platform.api.servlet;

import com.plexichat.platform.api.ApiProperties;
import com.plexichat.platform.api.PlatformApiAutoConfiguration;
import com.plexichat.platform.api.RequestIds;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Envelope, errors, request ids, security headers and pagination for servlet services. */
@AutoConfiguration(after = PlatformApiAutoConfiguration.class, before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ApiExceptionHandler.class, EnvelopeErrorController.class})
public class PlatformApiServletAutoConfiguration implements WebMvcConfigurer {

    @Bean
    FilterRegistrationBean<RequestIdFilter> plexichatRequestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> plexichatRequestSizeLimitFilter(
            ApiProperties properties, EnvelopeWriter writer) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestSize(), properties.streamedPaths(), writer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    EnvelopeWriter plexichatEnvelopeWriter(JsonMapper mapper) {
        return new EnvelopeWriter(mapper);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PaginationArgumentResolver());
    }

    /** Passes the request id on to whatever a service calls over HTTP. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestClientCustomizer.class)
    static class RestClientPropagation {

        @Bean
        RestClientCustomizer plexichatRequestIdPropagation() {
            return builder -> builder.requestInterceptor((request, body, execution) -> {
                String id = RequestIds.current();
                if (id != null && !request.getHeaders().containsHeader(RequestIds.HEADER)) {
                    request.getHeaders().set(RequestIds.HEADER, id);
                }
                return execution.execute(request, body);
            });
        }
    }
}
