package com.plexichat.platform.security;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.servlet.EnvelopeWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is a resource server for Keycloak's tokens (defence in depth behind the gateway):
 * signature from the realm's JWKS with an allow-list of algorithms, issuer, audience and expiry;
 * realm roles as {@code ROLE_*} authorities; {@code /internal/**} for the role {@code service} only; 401/403 as the
 * envelope.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class PlatformSecurityAutoConfiguration implements WebMvcConfigurer {

    /** The realm role of service accounts (and of API keys for services). */
    public static final String SERVICE_ROLE = "service";

    private static final String INTERNAL_PATHS = "/internal/**";

    private static final List<String> ALWAYS_PUBLIC =
            List.of("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error");

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder plexichatJwtDecoder(SecurityProperties properties, ObjectProvider<RevokedSessions> revoked) {
        SimpleClientHttpRequestFactory bounded = new SimpleClientHttpRequestFactory();
        bounded.setConnectTimeout(properties.jwksTimeout());
        bounded.setReadTimeout(properties.jwksTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(JwtValidation.algorithms(properties)))
                .restOperations(new RestTemplate(bounded))
                .build();
        // Where the service follows session.revoked (SessionRevocationAutoConfiguration), a revoked session's tokens
        // are refused here too, cached or not.
        RevokedSessions sessions = revoked.getIfAvailable();
        OAuth2TokenValidator<Jwt> validator = sessions == null
                ? JwtValidation.validator(properties)
                : new DelegatingOAuth2TokenValidator<>(JwtValidation.validator(properties), sessions.validator());
        decoder.setJwtValidator(validator);
        return new CachingJwtDecoder(decoder, new VerifiedTokens(validator, 10_000));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain plexichatSecurityFilterChain(
            HttpSecurity http,
            SecurityProperties properties,
            EnvelopeWriter writer,
            Optional<ApiKeyAuthenticator> apiKeys)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            writer.write(response, ApiResponse.error(ErrorCode.UNAUTHORIZED, null, null), 401);
        };
        AccessDeniedHandler forbidden = (request, response, e) ->
                writer.write(response, ApiResponse.error(ErrorCode.FORBIDDEN, null, null), 403);
        List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
        open.addAll(properties.publicPaths());

        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            CurrentUsers.realmRoles(jwt).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            return authorities;
        });

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.xssProtection(
                                x -> x.headerValue(XXssProtectionHeaderWriter.HeaderValue.ENABLED_MODE_BLOCK))
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'"))
                        .httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
                                .includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000)))
                .authorizeHttpRequests(auth -> auth.requestMatchers(open.toArray(String[]::new))
                        .permitAll()
                        // Questions one service asks another (never routed by the gateway): service credentials only.
                        .requestMatchers(INTERNAL_PATHS)
                        .hasRole(SERVICE_ROLE)
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(rs -> rs.bearerTokenResolver(ignoredOn(open))
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(apiKeys, unauthorized, forbidden),
                        BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new ActorFilter(), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new KeysUnavailableFilter(writer), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * A public route ignores a bearer token, as the gateway does: a client that sends its (perhaps expired) token
     * everywhere still opens a share link or refreshes its session.
     */
    private static BearerTokenResolver ignoredOn(List<String> publicPaths) {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        List<RequestMatcher> open = publicPaths.stream()
                .map(path -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(path))
                .toList();
        return request -> open.stream().anyMatch(m -> m.matches(request)) ? null : bearer.resolve(request);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
    }
}
