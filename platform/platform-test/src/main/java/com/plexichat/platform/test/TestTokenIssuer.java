package com.plexichat.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A stand-in token issuer for unit tests that need many users quickly: an RSA key whose public half
 * is served from a real JWKS endpoint on loopback, the way Keycloak serves it, and Keycloak-shaped
 * access tokens signed with it. Integration tests use the real Keycloak instead.
 */
public final class TestTokenIssuer implements AutoCloseable {

    public static final String ISSUER = "http://127.0.0.1/realms/plexichat";

    private final RSAKey key;
    private final HttpServer jwks;
    private final AtomicReference<CountDownLatch> stalled = new AtomicReference<>();

    public TestTokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/certs", exchange -> {
            CountDownLatch stall = stalled.get();
            if (stall != null) {
                try {
                    stall.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.setExecutor(Executors.newCachedThreadPool());
        jwks.start();
    }

    /**
     * Until the returned handle is closed, the JWKS endpoint accepts requests and answers none: an
     * identity provider that hangs.
     */
    public AutoCloseable stallKeys() {
        CountDownLatch stall = new CountDownLatch(1);
        stalled.set(stall);
        return () -> {
            stalled.compareAndSet(stall, null);
            stall.countDown();
        };
    }

    public String issuer() {
        return ISSUER;
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs";
    }

    /** Makes the service under test trust this issuer (its issuer and JWKS) instead of Keycloak. */
    public void trustedBy(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("plexichat.security.issuer-uri", this::issuer);
        registry.add("plexichat.security.jwk-set-uri", this::jwkSetUri);
    }

    /** A valid access token of the user, with a fresh session id. */
    public String token(UUID user) {
        return token(user, claims -> claims);
    }

    /** An access token of the user with the claims changed as the caller likes (expired, another audience...). */
    public String token(UUID user, UnaryOperator<JWTClaimsSet.Builder> changes) {
        return sign(key, changes.apply(claims(user)).build());
    }

    private static JWTClaimsSet.Builder claims(UUID user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.toString())
                .audience(List.of("plexichat-api", "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("sid", UUID.randomUUID().toString())
                .claim("preferred_username", "user-" + user.toString().substring(0, 8))
                .claim("realm_access", Map.of("roles", List.of("user")));
    }

    /**
     * A token signed by a key the JWKS endpoint does not list (as after a key rotation the verifier has
     * not seen): the verifier must fetch the keys again before it can refuse it.
     */
    public String tokenWithUnknownKey(UUID user) {
        try {
            RSAKey unknown = new RSAKeyGenerator(2048)
                    .keyID("unknown-" + UUID.randomUUID())
                    .generate();
            return sign(unknown, claims(user).build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public java.security.interfaces.RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        CountDownLatch stall = stalled.getAndSet(null);
        if (stall != null) {
            stall.countDown();
        }
        jwks.stop(0);
    }
}
