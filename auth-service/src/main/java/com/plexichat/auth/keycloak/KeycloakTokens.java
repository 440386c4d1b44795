package com.plexichat.auth.keycloak;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm's OpenID Connect endpoints, called as auth-service's confidential client: the password
 * grant for logins, the refresh grant (Keycloak rotates the refresh token), and logout.
 */
public class KeycloakTokens {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeycloakTokens.class);

    private final RestClient http;
    private final KeycloakProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    KeycloakTokens(RestClient http, KeycloakProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    public TokenSet password(String usernameOrEmail, String password) {
        MultiValueMap<String, String> form = clientForm("password");
        form.add("username", usernameOrEmail);
        form.add("password", password);
        form.add("scope", "openid");
        return tokens(form);
    }

    public TokenSet refresh(String refreshToken) {
        MultiValueMap<String, String> form = clientForm("refresh_token");
        form.add("refresh_token", refreshToken);
        return tokens(form);
    }

    /**
     * Whether this is the user's password (for changes that need it): a password grant whose session is
     * ended at once. Wrong attempts count towards brute-force detection like failed logins.
     */
    public boolean passwordMatches(String username, String password) {
        try {
            logout(password(username, password).refreshToken());
            return true;
        } catch (KeycloakRefusal refused) {
            return false;
        }
    }

    /** Ends the session the refresh token belongs to. */
    public void logout(String refreshToken) {
        MultiValueMap<String, String> form = clientForm(null);
        form.add("refresh_token", refreshToken);
        post("logout", form);
    }

    private TokenSet tokens(MultiValueMap<String, String> form) {
        JsonNode body = post("token", form);
        return new TokenSet(
                body.path("access_token").asString(),
                body.path("refresh_token").asString(),
                body.path("expires_in").asLong(),
                body.path("refresh_expires_in").asLong(),
                body.path("session_state").asString(null));
    }

    private JsonNode post(String endpoint, MultiValueMap<String, String> form) {
        try {
            String body = http.post()
                    .uri(properties.openIdConnect(endpoint))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, (request, response) -> {
                        if (response.getStatusCode().is5xxServerError()) {
                            throw unavailable(null);
                        }
                        JsonNode error =
                                readQuietly(new String(response.getBody().readAllBytes()));
                        throw new KeycloakRefusal(
                                response.getStatusCode().value(),
                                error.path("error").asString(""),
                                error.path("error_description").asString(""));
                    })
                    .body(String.class);
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (RestClientException e) {
            // Unreachable, or stalled: a read time-out may surface while the body is read, not only as I/O access.
            throw unavailable(e);
        }
    }

    private JsonNode readQuietly(String body) {
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private MultiValueMap<String, String> clientForm(String grantType) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (grantType != null) {
            form.add("grant_type", grantType);
        }
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        return form;
    }

    /** Keycloak cannot be reached or failed: the client gets a 503, the logs get why. */
    static ApiException unavailable(Exception cause) {
        log.warn("Keycloak unavailable: {}", cause == null ? "server error" : cause.toString());
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Identity provider unavailable; try again shortly");
    }
}
