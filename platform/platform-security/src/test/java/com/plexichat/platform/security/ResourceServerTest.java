package com.plexichat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.test.ForgedTokens;
import com.plexichat.platform.test.TestTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
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

    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UUID user = UUID.randomUUID();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        registry.add("plexichat.security.issuer-uri", TOKENS::issuer);
        registry.add("plexichat.security.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @AfterAll
    static void stopJwks() {
        TOKENS.close();
    }

    @Test
    void aValidTokenReachesTheControllerAsTheCurrentUserWithRealmRoles() throws Exception {
        String token =
                TOKENS.token(user, claims -> claims.claim("realm_access", Map.of("roles", List.of("user", "admin"))));
        HttpResponse<String> response = call("Authorization", "Bearer " + token);

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
                + TOKENS.token(
                        user,
                        claims -> claims.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300)))));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertUnauthorized(
                "Bearer " + TOKENS.token(user, claims -> claims.issuer("http://evil.example/realms/plexichat")));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertUnauthorized("Bearer " + TOKENS.token(user, claims -> claims.audience("some-other-api")));
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        assertUnauthorized("Bearer " + ForgedTokens.unsigned(TOKENS.token(user)));
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
        assertUnauthorized("Bearer " + ForgedTokens.hs256WithPublicKey(TOKENS.token(user), TOKENS.publicKey()));
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        assertUnauthorized("Bearer " + ForgedTokens.tampered(TOKENS.token(user)));
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

    private HttpResponse<String> call(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/whoami"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
