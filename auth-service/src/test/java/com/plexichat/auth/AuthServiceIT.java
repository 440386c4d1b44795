package com.plexichat.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.plexichat.devstack.ReceivedMail;
import com.plexichat.platform.api.RequestClients;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.user.UserDeletionRequested;
import com.plexichat.platform.events.user.UserStatusChanged;
import com.plexichat.platform.test.AdministratorSettings;
import com.plexichat.platform.test.ApiClient;
import com.plexichat.platform.test.EventInjector;
import com.plexichat.platform.test.EventProbe;
import com.plexichat.platform.test.Infrastructure;
import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.KeycloakTestClient;
import com.plexichat.platform.test.KeycloakTestConfiguration;
import com.plexichat.platform.test.MailTestConfiguration;
import com.plexichat.platform.test.ServiceContractIT;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The ten /v1/auth endpoints and 2FA management against the real Keycloak (realm imported from the one
 * realm JSON), a real SMTP server and real Kafka.
 */
@IntegrationTest
@Import({KeycloakTestConfiguration.class, MailTestConfiguration.class})
@TestPropertySource(properties = "plexichat.auth.encryption-key=test-only-encryption-key-0123456789")
class AuthServiceIT extends ServiceContractIT {

    static final String PASSWORD = "correct horse battery";
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");
    private static final EventProbe EVENTS = new EventProbe(Topics.USERS, Topics.AUTH);

    ApiClient api;

    record Account(UUID id, String username, String email, String password) {}

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterAll
    static void closeProbe() {
        EVENTS.close();
    }

    // --- register, verify-email, me ---------------------------------------------------------------

    @Test
    void registrationCreatesTheUserMailsAVerificationAndPublishesUserRegistered() {
        String username = unique("ada");
        ApiClient.Response created = api.post(
                "/v1/auth/register",
                null,
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.org",
                        "password",
                        PASSWORD,
                        "display_name",
                        "Ada Lovelace"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode user = created.data();
        UUID id = UUID.fromString(user.get("id").asString());
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/v1/users/" + id);
        assertThat(user.get("username").asString()).isEqualTo(username);
        assertThat(user.get("display_name").asString()).isEqualTo("Ada Lovelace");
        assertThat(user.get("email_verified").asBoolean()).isFalse();
        assertThat(user.get("roles").toString()).isEqualTo("[\"user\"]");

        JsonNode event = EVENTS.awaitOne("user.registered", id.toString(), Duration.ofSeconds(20))
                .orElseThrow();
        assertThat(event.get("data").get("username").asString()).isEqualTo(username);
        assertThat(event.get("data").get("email").asString()).isEqualTo(username + "@example.org");

        String token = mailed(username + "@example.org", "Verify", TOKEN);
        ApiClient.Response unverified = login(username, PASSWORD);
        assertThat(unverified.status())
                .as("the right password alone does not sign in an unproven address")
                .isEqualTo(403);
        assertThat(unverified.details().get("reason").asString()).isEqualTo("email_not_verified");
        assertThat(unverified.details().get("verification_sent_to").asString()).isEqualTo("a***@example.org");
        assertThat(unverified.body()).doesNotContain("access_token");
        String reminder = mailed(username + "@example.org", "Verify", TOKEN, 2);
        assertThat(reminder).isNotEqualTo(token);
        assertThat(api.post("/v1/auth/verify-email", null, Map.of("token", token))
                        .status())
                .as("the first link still works: the reminder went to the same address")
                .isEqualTo(204);
        String access = login(username, PASSWORD).data().get("access_token").asString();
        JsonNode me = api.get("/v1/auth/me", access).data();
        assertThat(me.get("email_verified").asBoolean()).isTrue();
        assertThat(me.get("two_factor_methods").size()).isZero();
        assertThat(me.get("created_at").asString()).endsWith("Z");

        ApiClient.Response again = api.post("/v1/auth/verify-email", null, Map.of("token", token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.details().get("field").asString()).isEqualTo("token");
    }

    @Test
    void aTakenUsernameOrEmailIsAConflictAndTheRealmsPasswordPolicyIsEnforced() {
        Account taken = register();
        ApiClient.Response sameName = api.post(
                "/v1/auth/register",
                null,
                Map.of("username", taken.username(), "email", unique("x") + "@example.org", "password", PASSWORD));
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.errorCode()).isEqualTo("CONFLICT");
        assertThat(sameName.details().get("field").asString()).isEqualTo("username");

        ApiClient.Response sameEmail = api.post(
                "/v1/auth/register",
                null,
                Map.of("username", unique("y"), "email", taken.email().toUpperCase(), "password", PASSWORD));
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.details().get("field").asString()).isEqualTo("email");

        String name = unique("longname");
        ApiClient.Response passwordIsUsername = api.post(
                "/v1/auth/register", null, Map.of("username", name, "email", name + "@example.org", "password", name));
        assertThat(passwordIsUsername.status()).as(passwordIsUsername.body()).isEqualTo(400);
        assertThat(passwordIsUsername.details().get("field").asString()).isEqualTo("password");

        ApiClient.Response tooShort = api.post(
                "/v1/auth/register",
                null,
                Map.of("username", unique("z"), "email", unique("z") + "@example.org", "password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("password");
    }

    @Test
    void theAdministratorsRegistrationRulesApplyWithoutARestart() {
        EventInjector inject = new EventInjector();
        AdministratorSettings settings = new AdministratorSettings(inject);
        try {
            settings.publish("registration.mode", "closed");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> attemptRegistration("example.org").status() == 403);
            ApiClient.Response closed = attemptRegistration("example.org");
            assertThat(closed.errorCode()).isEqualTo("FORBIDDEN");
            assertThat(closed.details().get("reason").asString()).isEqualTo("registration_closed");

            settings.publish("registration.allowed_email_domains", List.of("plexichat.example"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> attemptRegistration("example.org").status() == 422);
            ApiClient.Response elsewhere = attemptRegistration("example.org");
            assertThat(elsewhere.details().get("reason").asString()).isEqualTo("email_domain_not_allowed");
            assertThat(attemptRegistration("plexichat.example").status()).isEqualTo(201);
        } finally {
            settings.restore();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> attemptRegistration("example.org").status() == 201);
            inject.close();
        }
    }

    @Test
    void anAdministratorMayLetUnverifiedAddressesSignInAndRemindersAreLimited() {
        String username = unique("unv");
        assertThat(api.post(
                                "/v1/auth/register",
                                null,
                                Map.of("username", username, "email", username + "@example.org", "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        for (int i = 0; i < 4; i++) {
            ApiClient.Response refused = login(username, PASSWORD);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.details().has("verification_sent_to"))
                    .as("reminder " + (i + 1) + ": three an hour at most")
                    .isEqualTo(i < 3);
        }
        EventInjector inject = new EventInjector();
        AdministratorSettings settings = new AdministratorSettings(inject);
        try {
            settings.publish("registration.require_verified_email", false);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> login(username, PASSWORD).status() == 200);
        } finally {
            settings.restore();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> login(username, PASSWORD).status() == 403);
            inject.close();
        }
    }

    private ApiClient.Response attemptRegistration(String domain) {
        String username = unique("r");
        return api.post(
                "/v1/auth/register",
                null,
                Map.of("username", username, "email", username + "@" + domain, "password", PASSWORD));
    }

    // --- login, refresh, logout -------------------------------------------------------------------

    @Test
    void loginRefreshRotationAndLogoutRevokingTheSession() {
        Account account = register();
        ApiClient.Response wrongPassword = login(account.username(), "not the password at all");
        ApiClient.Response unknownUser = login(unique("nobody"), PASSWORD);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("error"))
                .isEqualTo(unknownUser.json().get("error"));

        ApiClient.Response byEmail =
                api.post("/v1/auth/login", null, Map.of("username_or_email", account.email(), "password", PASSWORD));
        assertThat(byEmail.status()).as(byEmail.body()).isEqualTo(200);
        JsonNode tokens = byEmail.data();
        assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(300);
        assertThat(tokens.get("refresh_expires_in").asLong()).isPositive();

        String firstRefresh = tokens.get("refresh_token").asString();
        ApiClient.Response rotated = api.post("/v1/auth/refresh", null, Map.of("refresh_token", firstRefresh));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.data().get("refresh_token").asString()).isNotEqualTo(firstRefresh);
        ApiClient.Response reused = api.post("/v1/auth/refresh", null, Map.of("refresh_token", firstRefresh));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.details().get("reason").asString()).isEqualTo("invalid_refresh_token");

        JsonNode session = login(account.username(), PASSWORD).data();
        String access = session.get("access_token").asString();
        String sid = new KeycloakTestClient(Infrastructure.keycloak())
                .login(account.username(), PASSWORD)
                .sessionId();
        assertThat(sid).isNotBlank();
        assertThat(api.post(
                                "/v1/auth/logout",
                                access,
                                Map.of(
                                        "refresh_token",
                                        session.get("refresh_token").asString()))
                        .status())
                .isEqualTo(204);
        assertThat(api.post(
                                "/v1/auth/refresh",
                                null,
                                Map.of(
                                        "refresh_token",
                                        session.get("refresh_token").asString()))
                        .status())
                .isEqualTo(401);
        List<JsonNode> revoked = EVENTS.await("session.revoked", account.id().toString(), Duration.ofSeconds(20));
        assertThat(revoked).isNotEmpty();
        assertThat(revoked.getLast().get("data").get("session_id").asString()).isNotBlank();
    }

    @Test
    void aSuspendedUserIsForbidden() {
        Account suspended = register();
        KeycloakTestClient keycloak = new KeycloakTestClient(Infrastructure.keycloak());
        String path = "/users/" + suspended.id();
        Map<String, Object> representation = ApiClient.JSON.readValue(
                keycloak.admin("GET", path, null).body(), new tools.jackson.core.type.TypeReference<>() {});
        representation.put("enabled", false);
        assertThat(keycloak.admin("PUT", path, representation).statusCode()).isEqualTo(204);
        ApiClient.Response refused = login(suspended.username(), PASSWORD);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.details().get("reason").asString()).isEqualTo("account_suspended");
    }

    @Test
    void failedLoginsSlowTheClientThatMadeThemNotTheAccountsOwnerAndSayNothingOfWhoExists() {
        Account attacked = register();
        String nobody = unique("nobody");
        String attacker = "203.0.113.9";
        List<String> answers = new ArrayList<>();
        List<String> answersForNobody = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            answers.add(describe(loginFrom(attacker, attacked.username(), "wrong password number " + i)));
            answersForNobody.add(describe(loginFrom(attacker, nobody, "wrong password number " + i)));
        }
        assertThat(answers)
                .as("an account that exists and one that does not get the same answers")
                .isEqualTo(answersForNobody);
        assertThat(answers.subList(0, 10)).containsOnly("401 invalid_credentials");
        assertThat(answers.get(10)).isEqualTo("429 too_many_failures");

        ApiClient.Response stillRefused = loginFrom(attacker, attacked.username(), PASSWORD);
        assertThat(stillRefused.status())
                .as("the attacker's client waits, right password or not")
                .isEqualTo(429);
        assertThat(stillRefused.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(loginFrom("198.51.100.7", attacked.username(), PASSWORD).status())
                .as("the owner, from elsewhere, is not locked out")
                .isEqualTo(200);
        // Twelve more wrong passwords from two more clients: Keycloak's own lock (a backstop, at 100) is not reached.
        for (int i = 0; i < 6; i++) {
            loginFrom("192.0.2.1", attacked.username(), "wrong " + i);
            loginFrom("192.0.2.2", attacked.username(), "wrong " + i);
        }
        assertThat(login(attacked.username(), PASSWORD).status()).isEqualTo(200);
    }

    private ApiClient.Response loginFrom(String client, String username, String password) {
        return api.send(
                "POST",
                "/v1/auth/login",
                null,
                Map.of("username", username, "password", password),
                Map.of(RequestClients.CLIENT_IP_HEADER, client));
    }

    private static String describe(ApiClient.Response response) {
        return response.status() + " " + response.details().path("reason").asString();
    }

    // --- second factors -------------------------------------------------------------------------

    @Test
    void totpEnrolmentThenLoginThroughAChallengeWithNoCodeAcceptedTwice() {
        Account account = register();
        String access =
                login(account.username(), PASSWORD).data().get("access_token").asString();

        assertThat(api.post("/v1/auth/2fa/totp", access, null).status())
                .as("a stolen access token alone cannot enrol an attacker's app")
                .isEqualTo(400);
        assertThat(api.post("/v1/auth/2fa/totp", access, Map.of("password", "not it at all"))
                        .status())
                .isEqualTo(403);
        JsonNode enrolment = api.post("/v1/auth/2fa/totp", access, Map.of("password", PASSWORD))
                .data();
        String secret = enrolment.get("secret").asString();
        assertThat(enrolment.get("otpauth_uri").asString())
                .startsWith("otpauth://totp/PlexiChat%3A" + account.username())
                .contains("secret=" + secret);
        long step = Instant.now().getEpochSecond() / 30;

        assertThat(api.post("/v1/auth/2fa/totp/confirm", access, Map.of("code", "000000"))
                        .status())
                .isIn(400, 401);
        ApiClient.Response confirmed =
                api.post("/v1/auth/2fa/totp/confirm", access, Map.of("code", totp(secret, step)));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.data().get("recovery_codes").size()).isEqualTo(10);
        JsonNode enabled = EVENTS.awaitOne(
                        "auth.two-factor-changed", account.id().toString(), Duration.ofSeconds(20))
                .orElseThrow();
        assertThat(enabled.get("data").get("change").asString()).isEqualTo("totp_enabled");
        assertThat(enabled.get("actorid").asString()).isEqualTo(account.id().toString());
        assertThat(api.get("/v1/auth/me", access)
                        .data()
                        .get("two_factor_methods")
                        .toString())
                .isEqualTo("[\"totp\",\"email\",\"recovery\"]");

        ApiClient.Response challenged = login(account.username(), PASSWORD);
        assertThat(challenged.status()).isEqualTo(401);
        assertThat(challenged.errorCode()).isEqualTo("TWO_FACTOR_REQUIRED");
        String challenge = challenged.details().get("challenge_id").asString();
        assertThat(challenged.details().get("methods").toString()).contains("totp", "email", "recovery");
        assertThat(challenged.body()).doesNotContain("access_token");

        String next = totp(secret, step + 1);
        ApiClient.Response completed = secondFactor(challenge, "totp", next);
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(completed.data().get("access_token").asString()).isNotBlank();
        assertThat(secondFactor(challenge, "totp", next).details().get("reason").asString())
                .as("a challenge is single-use")
                .isEqualTo("challenge_invalid");

        String replayChallenge = login(account.username(), PASSWORD)
                .details()
                .get("challenge_id")
                .asString();
        ApiClient.Response replayed = secondFactor(replayChallenge, "totp", next);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.details().get("reason").asString()).isEqualTo("invalid_code");
        assertThat(replayed.details().get("attempts_left").asInt()).isEqualTo(4);
    }

    @Test
    void wrongCodesAreCountedPerUserAcrossChallengesAndLoginCodeMailsPerUser() {
        Account account = register();
        String access =
                login(account.username(), PASSWORD).data().get("access_token").asString();
        JsonNode codes = enrolTotp(access);

        // A password thief starts challenge after challenge: five wrong codes burn each, ten in all stop the user's.
        for (int round = 0; round < 2; round++) {
            String challenge = login(account.username(), PASSWORD)
                    .details()
                    .get("challenge_id")
                    .asString();
            for (int i = 0; i < 5; i++) {
                assertThat(secondFactor(challenge, "recovery", "wrong-" + round + "-" + i)
                                .status())
                        .isEqualTo(401);
            }
        }
        String third = login(account.username(), PASSWORD)
                .details()
                .get("challenge_id")
                .asString();
        ApiClient.Response stopped =
                secondFactor(third, "recovery", codes.get(0).asString());
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(429);
        assertThat(stopped.details().get("reason").asString()).isEqualTo("too_many_failures");
        assertThat(stopped.raw().headers().firstValue("Retry-After")).isPresent();

        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/v1/auth/login/2fa", null, Map.of("challenge_id", third, "method", "email"))
                            .status())
                    .isEqualTo(202);
        }
        ApiClient.Response sixth =
                api.post("/v1/auth/login/2fa", null, Map.of("challenge_id", third, "method", "email"));
        assertThat(sixth.status()).as("a sixth code mail in 15 minutes").isEqualTo(429);
        assertThat(sixth.details().get("reason").asString()).isEqualTo("too_many_codes");
        assertThat(Infrastructure.mail().messagesFor(account.email()).stream()
                        .filter(m -> m.subject().contains("sign-in code"))
                        .count())
                .isEqualTo(5);
    }

    @Test
    void forgotPasswordMailsAnAccountAtMostThreeTimesAnHourAndAnswersAlikeEveryTime() {
        Account account = register();
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("/v1/auth/forgot-password", null, Map.of("email", account.email()))
                            .status())
                    .isEqualTo(202);
        }
        // Each mail is handed to the SMTP server before its 202: after the fourth answer, all there will be are there.
        mailed(account.email(), "Reset", TOKEN, 3);
        assertThat(Infrastructure.mail().messagesFor(account.email()).stream()
                        .filter(m -> m.subject().contains("Reset"))
                        .count())
                .isEqualTo(3);
    }

    @Test
    void recoveryCodesWorkOnceEmailCodesArriveByMailAndFiveWrongCodesBurnTheChallenge() {
        Account account = register();
        String access =
                login(account.username(), PASSWORD).data().get("access_token").asString();
        JsonNode codes = enrolTotp(access);
        String recovery = codes.get(0).asString();

        String first = login(account.username(), PASSWORD)
                .details()
                .get("challenge_id")
                .asString();
        assertThat(secondFactor(first, "recovery", recovery.toUpperCase()).status())
                .isEqualTo(200);
        String second = login(account.username(), PASSWORD)
                .details()
                .get("challenge_id")
                .asString();
        assertThat(secondFactor(second, "recovery", recovery).status()).isEqualTo(401);

        String byMail = login(account.username(), PASSWORD)
                .details()
                .get("challenge_id")
                .asString();
        ApiClient.Response sent =
                api.post("/v1/auth/login/2fa", null, Map.of("challenge_id", byMail, "method", "email"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.data().get("sent_to").asString()).contains("***@example.org");
        String code = mailed(account.email(), "sign-in code", CODE);
        assertThat(secondFactor(byMail, "email", code).status()).isEqualTo(200);

        String burned = login(account.username(), PASSWORD)
                .details()
                .get("challenge_id")
                .asString();
        for (int i = 0; i < 5; i++) {
            assertThat(secondFactor(burned, "recovery", "wrong-code-" + i).status())
                    .isEqualTo(401);
        }
        ApiClient.Response afterBurn =
                secondFactor(burned, "recovery", codes.get(1).asString());
        assertThat(afterBurn.details().get("reason").asString()).isEqualTo("challenge_invalid");

        assertThat(api.post("/v1/auth/2fa/recovery-codes", access, Map.of("password", PASSWORD))
                        .details()
                        .get("field")
                        .asString())
                .as("new recovery codes need a current code as well as the password")
                .isEqualTo("code");
        ApiClient.Response fresh = api.post(
                "/v1/auth/2fa/recovery-codes",
                access,
                Map.of("password", PASSWORD, "code", codes.get(3).asString()));
        assertThat(fresh.data().get("recovery_codes").size()).isEqualTo(10);
        String old = login(account.username(), PASSWORD)
                .details()
                .get("challenge_id")
                .asString();
        assertThat(secondFactor(old, "recovery", codes.get(2).asString()).status())
                .as("a new set replaces the old one")
                .isEqualTo(401);

        ApiClient.Response withoutCode = api.send(
                "DELETE", "/v1/auth/me", access, ApiClient.JSON.writeValueAsString(Map.of("password", PASSWORD)));
        assertThat(withoutCode.status())
                .as("deleting a 2FA account needs a code too")
                .isEqualTo(403);
        assertThat(withoutCode.details().get("field").asString()).isEqualTo("code");

        assertThat(api.send("DELETE", "/v1/auth/2fa/totp", access, "{\"password\":\"not it at all\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.send(
                                "DELETE",
                                "/v1/auth/2fa/totp",
                                access,
                                ApiClient.JSON.writeValueAsString(Map.of("password", PASSWORD)))
                        .status())
                .as("the password alone does not remove the second factor")
                .isEqualTo(403);
        String current = fresh.data().get("recovery_codes").get(0).asString();
        assertThat(api.send(
                                "DELETE",
                                "/v1/auth/2fa/totp",
                                access,
                                ApiClient.JSON.writeValueAsString(Map.of("code", current)))
                        .status())
                .as("nor does a code alone")
                .isEqualTo(400);
        assertThat(api.send(
                                "DELETE",
                                "/v1/auth/2fa/totp",
                                access,
                                ApiClient.JSON.writeValueAsString(Map.of("password", PASSWORD, "code", current)))
                        .status())
                .isEqualTo(204);
        assertThat(login(account.username(), PASSWORD).status()).isEqualTo(200);
    }

    // --- password reset ---------------------------------------------------------------------------

    @Test
    void aResetTokenWorksOnceNotAfterExpiryAndEndsEverySession() {
        Account account = register();
        JsonNode session = login(account.username(), PASSWORD).data();

        assertThat(api.post("/v1/auth/forgot-password", null, Map.of("email", unique("ghost") + "@example.org"))
                        .status())
                .isEqualTo(202);
        assertThat(api.post("/v1/auth/forgot-password", null, Map.of("email", account.email()))
                        .status())
                .isEqualTo(202);
        String token = mailed(account.email(), "Reset", TOKEN);

        ApiClient.Response weak =
                api.post("/v1/auth/reset-password", null, Map.of("token", token, "new_password", account.email()));
        assertThat(weak.status()).as(weak.body()).isEqualTo(400);
        assertThat(weak.details().get("field").asString()).isEqualTo("new_password");

        String newPassword = "a brand new passphrase";
        assertThat(api.post("/v1/auth/reset-password", null, Map.of("token", token, "new_password", newPassword))
                        .status())
                .as("the refused password did not spend the token")
                .isEqualTo(204);
        assertThat(login(account.username(), PASSWORD).status()).isEqualTo(401);
        assertThat(login(account.username(), newPassword).status()).isEqualTo(200);
        assertThat(api.post(
                                "/v1/auth/refresh",
                                null,
                                Map.of(
                                        "refresh_token",
                                        session.get("refresh_token").asString()))
                        .status())
                .as("sessions from before the reset are over")
                .isEqualTo(401);
        assertThat(EVENTS.await("session.revoked", account.id().toString(), Duration.ofSeconds(20)))
                .anySatisfy(e ->
                        assertThat(e.get("data").get("session_id").isNull()).isTrue());

        ApiClient.Response reused = api.post(
                "/v1/auth/reset-password", null, Map.of("token", token, "new_password", "yet another passphrase"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.details().get("field").asString()).isEqualTo("token");

        api.post("/v1/auth/forgot-password", null, Map.of("email", account.email()));
        String expiring = mailed(account.email(), "Reset", TOKEN, 2);
        jdbc.update(
                "update password_reset set expires_at = now() - interval '1 second' where user_id = ? and used_at is null",
                account.id());
        assertThat(api.post(
                                "/v1/auth/reset-password",
                                null,
                                Map.of("token", expiring, "new_password", "too late for this one"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void withTwoFactorOnAnEmailOrPasswordChangeNeedsACodeAndSignInCodesGoOnlyToAVerifiedAddress() {
        Account account = register();
        String access =
                login(account.username(), PASSWORD).data().get("access_token").asString();
        String secret = api.post("/v1/auth/2fa/totp", access, Map.of("password", PASSWORD))
                .data()
                .get("secret")
                .asString();
        long step = Instant.now().getEpochSecond() / 30;
        assertThat(api.post("/v1/auth/2fa/totp/confirm", access, Map.of("code", totp(secret, step)))
                        .status())
                .isEqualTo(200);

        String attackers = unique("attacker") + "@example.org";
        for (String body : List.of(
                "{\"email\":\"" + attackers + "\",\"current_password\":\"" + PASSWORD + "\"}",
                "{\"email\":\"" + attackers + "\",\"current_password\":\"" + PASSWORD + "\",\"code\":\"000000\"}",
                "{\"password\":\"another fine passphrase\",\"current_password\":\"" + PASSWORD + "\"}")) {
            ApiClient.Response refused = api.send("PUT", "/v1/auth/me", access, body);
            assertThat(refused.status()).as(body).isEqualTo(403);
            assertThat(refused.details().get("field").asString()).isEqualTo("code");
        }
        assertThat(api.get("/v1/auth/me", access).data().get("pending_email").isNull())
                .as("nothing changed")
                .isTrue();
        assertThat(Infrastructure.mail().messagesFor(attackers)).isEmpty();
        ApiClient.Response moving = api.send(
                "PUT",
                "/v1/auth/me",
                access,
                "{\"email\":\"" + attackers + "\",\"current_password\":\"" + PASSWORD + "\",\"code\":\""
                        + totp(secret, step + 1) + "\"}");
        assertThat(moving.status()).as(moving.body()).isEqualTo(200);
        assertThat(moving.data().get("pending_email").asString()).isEqualTo(attackers);

        ApiClient.Response challenged = login(account.username(), PASSWORD);
        assertThat(challenged.details().get("methods").toString()).contains("email");
        String challenge = challenged.details().get("challenge_id").asString();
        assertThat(api.post("/v1/auth/login/2fa", null, Map.of("challenge_id", challenge, "method", "email"))
                        .status())
                .isEqualTo(202);
        assertThat(mailed(account.email(), "sign-in code", CODE))
                .as("sign-in codes go to the verified address, never to the pending one")
                .isNotBlank();
        assertThat(Infrastructure.mail().messagesFor(attackers).stream()
                        .noneMatch(m -> m.subject().contains("sign-in code")))
                .isTrue();

        // An account whose address was never verified gets no sign-in codes at all: it may be anybody's address.
        // (Such an account signs in only where an administrator switched the verification gate off.)
        EventInjector inject = new EventInjector();
        AdministratorSettings settings = new AdministratorSettings(inject);
        settings.publish("registration.require_verified_email", false);
        try {
            unverifiedAccountsGetNoSignInCodes();
        } finally {
            settings.restore();
            inject.close();
        }
    }

    private void unverifiedAccountsGetNoSignInCodes() {
        String username = unique("unverified");
        ApiClient.Response created = api.post(
                "/v1/auth/register",
                null,
                Map.of("username", username, "email", username + "@example.org", "password", PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> login(username, PASSWORD).status() == 200);
        String unverifiedAccess =
                login(username, PASSWORD).data().get("access_token").asString();
        String unverifiedSecret = api.post("/v1/auth/2fa/totp", unverifiedAccess, Map.of("password", PASSWORD))
                .data()
                .get("secret")
                .asString();
        assertThat(api.post(
                                "/v1/auth/2fa/totp/confirm",
                                unverifiedAccess,
                                Map.of(
                                        "code",
                                        totp(unverifiedSecret, Instant.now().getEpochSecond() / 30)))
                        .status())
                .isEqualTo(200);
        ApiClient.Response unverifiedChallenge = login(username, PASSWORD);
        assertThat(unverifiedChallenge.details().get("methods").toString())
                .doesNotContain("email")
                .contains("totp");
        assertThat(api.post(
                                "/v1/auth/login/2fa",
                                null,
                                Map.of(
                                        "challenge_id",
                                        unverifiedChallenge
                                                .details()
                                                .get("challenge_id")
                                                .asString(),
                                        "method",
                                        "email"))
                        .status())
                .isEqualTo(400);
        assertThat(Infrastructure.mail().messagesFor(username + "@example.org").stream()
                        .noneMatch(m -> m.subject().contains("sign-in code")))
                .isTrue();
    }

    // --- me ----------------------------------------------------------------------------------------

    @Test
    void meIsUpdatedWithinItsRulesAndDeletedWithThePassword() {
        Account account = register();
        String access =
                login(account.username(), PASSWORD).data().get("access_token").asString();

        ApiClient.Response renamed = api.send("PUT", "/v1/auth/me", access, "{\"display_name\":\"Grace 🚀 Hopper\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.data().get("display_name").asString()).isEqualTo("Grace 🚀 Hopper");

        ApiClient.Response roles = api.send("PUT", "/v1/auth/me", access, "{\"roles\":[\"admin\"]}");
        assertThat(roles.status()).isEqualTo(400);
        assertThat(roles.details().get("field").asString()).isEqualTo("roles");
        assertThat(api.send("PUT", "/v1/auth/me", access, "{\"id\":\"" + UUID.randomUUID() + "\"}")
                        .status())
                .isEqualTo(400);

        String newEmail = unique("new") + "@example.org";
        assertThat(api.send("PUT", "/v1/auth/me", access, "{\"email\":\"" + newEmail + "\"}")
                        .status())
                .as("an email change needs the current password")
                .isEqualTo(400);
        ApiClient.Response moving = api.send(
                "PUT",
                "/v1/auth/me",
                access,
                "{\"email\":\"" + newEmail + "\",\"current_password\":\"" + PASSWORD + "\"}");
        assertThat(moving.status()).as(moving.body()).isEqualTo(200);
        assertThat(moving.data().get("email").asString())
                .as("the new address is not the account's until it is verified")
                .isEqualTo(account.email());
        assertThat(moving.data().get("email_verified").asBoolean()).isTrue();
        assertThat(moving.data().get("pending_email").asString()).isEqualTo(newEmail);
        assertThat(mailed(account.email(), "about to change", Pattern.compile("(" + Pattern.quote(newEmail) + ")")))
                .as("the current address is told at once")
                .isEqualTo(newEmail);
        String first = mailed(newEmail, "Verify", TOKEN);
        assertThat(api.post("/v1/auth/forgot-password", null, Map.of("email", newEmail))
                        .status())
                .isEqualTo(202);
        assertThat(login(newEmail, PASSWORD).status())
                .as("nor does it sign in until then")
                .isEqualTo(401);
        assertThat(api.post("/v1/auth/verify-email/resend", access, null).status())
                .isEqualTo(202);
        String resent = mailed(newEmail, "Verify", TOKEN, 2);
        assertThat(api.post("/v1/auth/verify-email", null, Map.of("token", first))
                        .status())
                .as("only the latest mail counts")
                .isEqualTo(400);
        assertThat(api.post("/v1/auth/verify-email", null, Map.of("token", resent))
                        .status())
                .isEqualTo(204);
        JsonNode moved = api.get("/v1/auth/me", access).data();
        assertThat(moved.get("email").asString()).isEqualTo(newEmail);
        assertThat(moved.get("email_verified").asBoolean()).isTrue();
        assertThat(moved.get("pending_email").isNull()).isTrue();
        assertThat(mailed(account.email(), "was changed", Pattern.compile("(" + Pattern.quote(newEmail) + ")")))
                .as("and the old address is told once it happened")
                .isEqualTo(newEmail);
        assertThat(Infrastructure.mail().messagesFor(newEmail).stream()
                        .noneMatch(m -> m.subject().contains("Reset")))
                .as("no reset mail went to the address before it was the account's")
                .isTrue();
        assertThat(api.post("/v1/auth/verify-email/resend", access, null).status())
                .as("nothing left to verify")
                .isEqualTo(422);

        assertThat(api.send(
                                "PUT",
                                "/v1/auth/me",
                                access,
                                "{\"password\":\"another fine passphrase\",\"current_password\":\"wrong one here\"}")
                        .status())
                .isEqualTo(403);

        // A good login in between: two failed password checks within a second lock the account (quick-login check).
        assertThat(login(account.username(), PASSWORD).status()).isEqualTo(200);
        assertThat(api.send("DELETE", "/v1/auth/me", access, null).status()).isEqualTo(400);
        assertThat(api.send("DELETE", "/v1/auth/me", access, "{\"password\":\"wrong one here\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.send("DELETE", "/v1/auth/me", access, "{\"password\":\"" + PASSWORD + "\"}")
                        .status())
                .isEqualTo(204);
        assertThat(login(account.username(), PASSWORD).status()).isEqualTo(401);
        assertThat(EVENTS.awaitOne("user.deleted", account.id().toString(), Duration.ofSeconds(20)))
                .isPresent();
    }

    @Test
    void anAdministratorsDeletionRequestRemovesTheCredentialsAndAnnouncesTheDeletion() {
        Account account = register();
        try (EventInjector inject = new EventInjector()) {
            String request = inject.publish(
                    Topics.USERS,
                    UserDeletionRequested.TYPE.name(),
                    account.id().toString(),
                    new UserDeletionRequested(account.id(), UUID.randomUUID(), Instant.now()));
            assertThat(EVENTS.awaitOne("user.deleted", account.id().toString(), Duration.ofSeconds(30)))
                    .isPresent();
            assertThat(login(account.username(), PASSWORD).status()).isEqualTo(401);
            inject.send(Topics.USERS, account.id().toString(), request);
            inject.awaitConsumed("auth-service.users", Topics.USERS, Duration.ofSeconds(30));
            assertThat(EVENTS.await("user.deleted", account.id().toString(), Duration.ofSeconds(2)))
                    .as("a redelivered request is applied once")
                    .hasSize(1);
        }
    }

    @Test
    void aDeletionRequestFromAServiceThatDoesNotProduceThemDeletesNothingAndIsDeadLettered(
            @Autowired MeterRegistry meters) {
        Account account = register();
        double deadBefore = deadLettered(meters);
        try (EventInjector inject = new EventInjector()) {
            inject.publishAs(
                    "plexichat/messaging-service",
                    Topics.USERS,
                    UserDeletionRequested.TYPE.name(),
                    account.id().toString(),
                    new UserDeletionRequested(account.id(), UUID.randomUUID(), Instant.now()));
            inject.awaitConsumed("auth-service.users", Topics.USERS, Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(deadLettered(meters)).isEqualTo(deadBefore + 1));
        assertThat(login(account.username(), PASSWORD).status())
                .as("the account is still there")
                .isEqualTo(200);
        assertThat(EVENTS.await("user.deleted", account.id().toString(), Duration.ofSeconds(2)))
                .isEmpty();
    }

    private static double deadLettered(MeterRegistry meters) {
        var counter = meters.find("plexichat.events.dead-lettered")
                .tag("topic", Topics.USERS)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSuspensionDisablesTheAccountEndsItsSessionsAndALoginHearsWhyUntilReactivated() {
        Account account = register();
        String refresh =
                login(account.username(), PASSWORD).data().get("refresh_token").asString();
        try (EventInjector inject = new EventInjector()) {
            inject.publish(
                    Topics.USERS,
                    UserStatusChanged.TYPE.name(),
                    account.id().toString(),
                    new UserStatusChanged(
                            account.id(), "suspended", "Spam in #general", UUID.randomUUID(), Instant.now()));
            JsonNode revoked = EVENTS.awaitOne("session.revoked", account.id().toString(), Duration.ofSeconds(30))
                    .orElseThrow()
                    .get("data");
            assertThat(revoked.get("session_id").isNull()).as("every session").isTrue();
            assertThat(revoked.get("reason").asString()).isEqualTo("suspended");

            ApiClient.Response refused = login(account.username(), PASSWORD);
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.details().get("reason").asString()).isEqualTo("account_suspended");
            assertThat(refused.details().get("suspension_reason").asString()).isEqualTo("Spam in #general");
            assertThat(EVENTS.await("auth.login-attempted", account.id().toString(), Duration.ofSeconds(20)).stream()
                            .map(e -> e.get("data").get("outcome").asString()))
                    .as("for the audit log, never the password")
                    .contains("success", "suspended");
            assertThat(api.post("/v1/auth/refresh", null, Map.of("refresh_token", refresh))
                            .status())
                    .as("the session ended in Keycloak")
                    .isEqualTo(401);

            inject.publish(
                    Topics.USERS,
                    UserStatusChanged.TYPE.name(),
                    account.id().toString(),
                    new UserStatusChanged(account.id(), "active", null, UUID.randomUUID(), Instant.now()));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> assertThat(login(account.username(), PASSWORD).status())
                                    .isEqualTo(200));
        }
    }

    // --- hostile input ----------------------------------------------------------------------------

    @Test
    void noEndpointAnswers500ToMalformedOrHostileInput() {
        Account account = register();
        String access =
                login(account.username(), PASSWORD).data().get("access_token").asString();
        String huge = "x".repeat(1024 * 1024);
        List<String> bodies = new ArrayList<>(List.of(
                "{",
                "",
                "null",
                "[]",
                "\"text\"",
                "{\"username\":null,\"email\":null,\"password\":null,\"token\":null,\"refresh_token\":null}",
                "{\"username\":123,\"email\":true,\"password\":[],\"challenge_id\":\"not-a-uuid\",\"method\":7}",
                "{\"username_or_email\":{\"a\":1},\"password\":{}}",
                "{\"username\":\"" + huge + "\",\"password\":\"" + huge + "\"}",
                "{\"username\":\"\\u0000\\u202e\\ud83d\\ude00\",\"email\":\"\\u00e9@\\u00e9.fr\",\"password\":\"\\ud800\\udc00"
                        + "\\u0000passphrase!!\",\"display_name\":\"\\u200b\\u200b\"}",
                "{\"challenge_id\":\"" + UUID.randomUUID()
                        + "\",\"method\":\"totp\",\"code\":\"\\u0661\\u0662\\u0663\\u0664\\u0665\\u0666\"}",
                "{\"token\":\"../../etc/passwd\",\"new_password\":\"" + "\\ud83d\\ude00".repeat(20) + "\"}"));
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/v1/auth/register"},
                new String[] {"POST", "/v1/auth/login"},
                new String[] {"POST", "/v1/auth/login/2fa"},
                new String[] {"POST", "/v1/auth/refresh"},
                new String[] {"POST", "/v1/auth/logout"},
                new String[] {"POST", "/v1/auth/forgot-password"},
                new String[] {"POST", "/v1/auth/reset-password"},
                new String[] {"POST", "/v1/auth/verify-email"},
                new String[] {"PUT", "/v1/auth/me"},
                new String[] {"DELETE", "/v1/auth/me"},
                new String[] {"POST", "/v1/auth/2fa/totp/confirm"},
                new String[] {"DELETE", "/v1/auth/2fa/totp"});
        for (String[] endpoint : endpoints) {
            for (String body : bodies) {
                ApiClient.Response response = api.send(endpoint[0], endpoint[1], access, body);
                assertThat(response.status())
                        .as(endpoint[0] + " " + endpoint[1] + " with " + abbreviate(body) + ": "
                                + abbreviate(response.body()))
                        .isBetween(200, 499);
                if (response.status() >= 400) {
                    assertThat(response.json().get("success").asBoolean()).isFalse();
                    assertThat(response.body()).doesNotContain("Exception", "at com.", "at org.");
                }
            }
        }
        assertThat(login(account.username(), PASSWORD).status())
                .as("the account survived the barrage (it was never deleted or changed)")
                .isEqualTo(200);
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** An account whose owner verified the address, as every account that gets mail from us is. */
    private Account register() {
        String username = unique("u");
        String email = username + "@example.org";
        ApiClient.Response created =
                api.post("/v1/auth/register", null, Map.of("username", username, "email", email, "password", PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.post("/v1/auth/verify-email", null, Map.of("token", mailed(email, "Verify", TOKEN)))
                        .status())
                .isEqualTo(204);
        return new Account(UUID.fromString(created.data().get("id").asString()), username, email, PASSWORD);
    }

    private ApiClient.Response login(String username, String password) {
        return api.post("/v1/auth/login", null, Map.of("username", username, "password", password));
    }

    /** Enrols and confirms a TOTP app for the token's account; its recovery codes. */
    private JsonNode enrolTotp(String access) {
        String secret = api.post("/v1/auth/2fa/totp", access, Map.of("password", PASSWORD))
                .data()
                .get("secret")
                .asString();
        return api.post(
                        "/v1/auth/2fa/totp/confirm",
                        access,
                        Map.of("code", totp(secret, Instant.now().getEpochSecond() / 30)))
                .data()
                .get("recovery_codes");
    }

    private ApiClient.Response secondFactor(String challenge, String method, String code) {
        return api.post("/v1/auth/login/2fa", null, Map.of("challenge_id", challenge, "method", method, "code", code));
    }

    private static String mailed(String address, String subject, Pattern pattern) {
        return mailed(address, subject, pattern, 1);
    }

    /** The value the pattern finds in the {@code nth} mail to the address whose subject contains {@code subject}. */
    private static String mailed(String address, String subject, Pattern pattern, int nth) {
        List<ReceivedMail> mails = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> Infrastructure.mail().messagesFor(address).stream()
                                .filter(m -> m.subject().contains(subject))
                                .toList(),
                        found -> found.size() >= nth);
        Matcher matcher = pattern.matcher(mails.get(nth - 1).text());
        assertThat(matcher.find()).as(mails.get(nth - 1).text()).isTrue();
        return matcher.group(1);
    }

    static String totp(String secret, long step) {
        try {
            TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30));
            SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret), generator.getAlgorithm());
            return String.format("%06d", generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * 30)));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
