package com.plexichat.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The one definition of a valid PlexiChat access token, shared by the services' (servlet) and the
 * gateway's (reactive) decoders: a signature by one of the allowed algorithms (checked by the
 * decoder), our issuer, our audience, and a time window with a small clock skew.
 */
public final class JwtValidation {

    private JwtValidation() {}

    public static Set<SignatureAlgorithm> algorithms(SecurityProperties properties) {
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : properties.algorithms()) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
            if (algorithm == null) {
                throw new IllegalArgumentException("Not an asymmetric JWS algorithm: " + name);
            }
            algorithms.add(algorithm);
        }
        return algorithms;
    }

    /** Issuer, audience and time window, then whatever else the caller needs (revocation at the gateway). */
    @SafeVarargs
    public static OAuth2TokenValidator<Jwt> validator(
            SecurityProperties properties, OAuth2TokenValidator<Jwt>... additional) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtIssuerValidator(properties.issuerUri()));
        validators.add(
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience())));
        validators.addAll(List.of(additional));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
