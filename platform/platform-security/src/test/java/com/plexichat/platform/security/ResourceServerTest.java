package com.plexichat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens minted with a key whose public half is served from a real JWKS endpoint, the way
 * Keycloak serves it, against a real server: only a correctly signed, unexpired token for our
 * issuer and audience gets through.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResourceServerTest {

    private static final String ISSUER = "http://127.0.0.1/realms/plexichat";
    private static final RSAKey KEY;
    private static final HttpServer JWKS;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("test-key").generate();
            JWKS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            JWKS.createContext("/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            JWKS.start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        registry.add("plexichat.security.issuer-uri", () -> ISSUER);
        registry.add(
                "plexichat.security.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/certs");
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final UUID user = UUID.randomUUID();

    @LocalServerPort
    int port;

    @Test
    void aValidTokenReachesTheControllerAsTheCurrentUserWithRealmRoles() throws Exception {
        HttpResponse<String> response = call("Authorization", "Bearer " + rs256(claims().build()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("id").asString()).isEqualTo(user.toString());
        assertThat(body.get("admin").asBoolean()).isTrue();
        assertThat(body.get("api_key").asBoolean()).isFalse();
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        assertUnauthorized("Bearer "
                + rs256(claims().issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plusSeconds(300)))
                        .build()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertUnauthorized("Bearer "
                + rs256(claims().issuer("http://evil.example/realms/plexichat").build()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertUnauthorized("Bearer " + rs256(claims().audience("some-other-api").build()));
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64(claims().build().toString());
        assertUnauthorized("Bearer " + header + "." + payload + ".");
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
        byte[] publicKey = KEY.toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key").build(), claims().build());
        jwt.sign(new MACSigner(java.util.Arrays.copyOf(publicKey, Math.max(publicKey.length, 32))));
        assertUnauthorized("Bearer " + jwt.serialize());
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        String[] parts = rs256(claims().build()).split("\\.");
        String forgedPayload =
                base64(claims().subject(UUID.randomUUID().toString()).build().toString());
        assertUnauthorized("Bearer " + parts[0] + "." + forgedPayload + "." + parts[2]);
    }

    @Test
    void aMissingOrMalformedCredentialIsRefused() throws Exception {
        HttpResponse<String> none = call();
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).get("error").get("code").asString())
                .isEqualTo("UNAUTHORIZED");
        assertUnauthorized("Bearer not-a-jwt");
    }

    @Test
    void aKnownApiKeyAuthenticatesAsItsClientAndAnUnknownOneIsRefused() throws Exception {
        HttpResponse<String> known = call("X-API-Key", SecurityTestApplication.VALID_API_KEY);
        assertThat(known.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(known.body());
        assertThat(body.get("id").asString()).isEqualTo(SecurityTestApplication.API_CLIENT.toString());
        assertThat(body.get("api_key").asBoolean()).isTrue();

        HttpResponse<String> unknown = call("X-API-Key", "pk_revoked");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unknown.body()).get("error").get("code").asString())
                .isEqualTo("UNAUTHORIZED");
    }

    private void assertUnauthorized(String authorization) throws Exception {
        HttpResponse<String> response = call("Authorization", authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).doesNotContain("Jwt", "Exception");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.toString())
                .audience(List.of("plexichat-api", "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "ada")
                .claim("realm_access", Map.of("roles", List.of("user", "admin")));
    }

    private static String rs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("test-key")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> call(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/whoami"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
