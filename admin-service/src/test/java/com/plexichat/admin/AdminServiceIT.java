package com.plexichat.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.LoginAttempted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.call.VoiceJoined;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.file.FileDeleted;
import com.plexichat.platform.events.file.FileUploaded;
import com.plexichat.platform.events.message.DmCreated;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.events.org.OrgCreated;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.user.ConnectionClosed;
import com.plexichat.platform.events.user.ConnectionOpened;
import com.plexichat.platform.events.user.PresenceChanged;
import com.plexichat.platform.security.client.StoredApiKeys;
import com.plexichat.platform.test.ApiClient;
import com.plexichat.platform.test.EventInjector;
import com.plexichat.platform.test.EventProbe;
import com.plexichat.platform.test.Infrastructure;
import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.KeycloakInfrastructure;
import com.plexichat.platform.test.KeycloakTestClient;
import com.plexichat.platform.test.KeycloakTestConfiguration;
import com.plexichat.platform.test.ServiceContractIT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * admin-service on real PostgreSQL, Kafka and Keycloak: the realm's tokens (its first admin, a member, user-service's
 * service account), users arriving as auth-service publishes them, and the events this service publishes. What the
 * rest of the system does with a suspension or a key (Keycloak, the gateways, sockets) is LocalStackIT's.
 */
@IntegrationTest
@Import(KeycloakTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "plexichat.admin.last-used-resolution=0s",
            "plexichat.security.api-keys[0].id=5e0c7a41-9d2b-4f36-8a15-c7e3b9d0f214",
            "plexichat.security.api-keys[0].name=legacy-bot",
            // SHA-256 of "legacy-key-for-the-import-test"
            "plexichat.security.api-keys[0].sha256=" + AdminServiceIT.LEGACY_KEY_HASH,
            "plexichat.security.api-keys[0].scopes[0]=admin",
            "plexichat.admin.audit.checkpoint-interval=1s",
            "plexichat.admin.audit.signing-key=test-signing-key-not-a-secret",
            "plexichat.admin.health.smtp-host=127.0.0.1",
        })
class AdminServiceIT extends ServiceContractIT {

    static final String LEGACY_KEY = "legacy-key-for-the-import-test";
    static final String LEGACY_KEY_HASH = "3ad5e113c22a312b7971b3eba06adc4b0306f3a916a323cc5a2f2a504d623295";
    private static final String PASSWORD = "correct horse battery";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final EventProbe EVENTS = new EventProbe(Topics.USERS, Topics.ADMIN);
    private static final EventInjector INJECT = new EventInjector();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final int SMTP_PORT = freePort();

    private static KeycloakInfrastructure keycloak;
    private static KeycloakTestClient realm;
    private static String adminToken;
    private static UUID adminId;

    ApiClient api;

    @org.springframework.beans.factory.annotation.Autowired
    com.plexichat.platform.events.settings.LiveSettings liveSettings;

    @org.springframework.test.context.DynamicPropertySource
    static void smtp(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("plexichat.admin.health.smtp-port", () -> SMTP_PORT);
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        if (adminToken == null) {
            keycloak = Infrastructure.keycloak();
            realm = new KeycloakTestClient(keycloak);
            adminToken = realm.login("admin", keycloak.realmAdminPassword()).accessToken();
            adminId = subject(adminToken);
        }
    }

    @AfterAll
    static void close() {
        EVENTS.close();
        INJECT.close();
    }

    record Member(UUID id, String username, String token) {}

    // --- who may ---------------------------------------------------------------------------------------------

    @Test
    void everyAdminRouteRefusesAMemberAKeyWithoutTheAdminScopeAndNoCredential() {
        Member member = member();
        String narrowKey = createKey("narrow", List.of("channels:read", "messages:write"))
                .get("key")
                .asString();
        String someKey = createKey("victim", List.of("users:read")).get("id").asString();
        UUID someone = registered(unique("target")).id();
        List<String[]> routes = List.of(
                new String[] {"GET", "/v1/admin/users", null},
                new String[] {"PUT", "/v1/admin/users/" + someone + "/status", "{\"status\":\"suspended\"}"},
                new String[] {"POST", "/v1/admin/api-keys", "{\"name\":\"x\",\"scopes\":[\"admin\"]}"},
                new String[] {"GET", "/v1/admin/api-keys", null},
                new String[] {"GET", "/v1/admin/api-keys/" + someKey, null},
                new String[] {"DELETE", "/v1/admin/api-keys/" + someKey, null},
                new String[] {"GET", "/v1/admin/audit-logs", null},
                new String[] {"GET", "/v1/admin/audit-logs/verify", null},
                new String[] {"GET", "/v1/admin/audit-logs/export", null},
                new String[] {"GET", "/v1/admin/settings", null},
                new String[] {"PUT", "/v1/admin/settings", "{}"},
                new String[] {"GET", "/v1/admin/stats", null},
                new String[] {"GET", "/v1/admin/health", null},
                new String[] {"POST", "/v1/admin/dead-letters/" + Topics.CALLS + "/replay", null});
        for (String[] route : routes) {
            String what = route[0] + " " + route[1];
            ApiClient.Response asMember = api.send(route[0], route[1], member.token(), route[2]);
            assertThat(asMember.status()).as(what + " as a member").isEqualTo(403);
            assertThat(asMember.errorCode()).isEqualTo("FORBIDDEN");
            ApiClient.Response asKey = api.withApiKey(route[0], route[1], narrowKey, route[2]);
            assertThat(asKey.status())
                    .as(what + " with a key without the admin scope")
                    .isEqualTo(403);
            assertThat(asKey.errorCode()).isEqualTo("FORBIDDEN");
            ApiClient.Response anonymous = api.send(route[0], route[1], null, route[2]);
            assertThat(anonymous.status()).as(what + " without a credential").isEqualTo(401);
            assertThat(anonymous.errorCode()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(api.send("GET", "/v1/admin/api-keys/" + someKey, adminToken, null)
                        .data()
                        .get("status")
                        .asString())
                .as("nothing refused changed anything")
                .isEqualTo("active");
    }

    // --- users -----------------------------------------------------------------------------------------------

    @Test
    void usersAreSearchedByPrefixFilteredByStatusAndRoleAndPaged() {
        String prefix = unique("zed");
        Member first = registered(prefix + "-a");
        registered(prefix + "-b");
        Member third = registered(prefix + "-c");
        Instant active = Instant.parse("2026-11-30T10:00:00Z");
        INJECT.publish(
                Topics.USERS,
                PresenceChanged.TYPE.name(),
                first.id().toString(),
                new PresenceChanged(first.id(), "online", null, null, null, active, active));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(list("/v1/admin/users?q=" + prefix)
                                .data()
                                .get(0)
                                .get("last_active_at")
                                .isNull())
                        .isFalse());
        ApiClient.Response all = list("/v1/admin/users?q=" + prefix.toUpperCase());
        assertThat(all.data()).hasSize(3);
        JsonNode user = all.data().get(0);
        assertThat(user.get("id").asString()).isEqualTo(first.id().toString());
        assertThat(user.get("email").asString()).isEqualTo(first.username() + "@example.org");
        assertThat(user.get("status").asString()).isEqualTo("active");
        assertThat(user.get("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(user.get("created_at").asString()).endsWith("Z");
        assertThat(Instant.parse(user.get("last_active_at").asString())).isEqualTo(active);
        assertThat(list("/v1/admin/users?q=" + first.username() + "@example").data())
                .as("by email too")
                .hasSize(1);

        ApiClient.Response firstPage = list("/v1/admin/users?q=" + prefix + "&per_page=2");
        assertThat(firstPage.data()).hasSize(2);
        JsonNode pagination = firstPage.json().get("pagination");
        assertThat(pagination.get("total").asLong()).isEqualTo(3);
        assertThat(list("/v1/admin/users?q=" + prefix + "&per_page=2&page=2").data())
                .hasSize(1);

        changeStatus(third.id(), "suspended", "testing");
        assertThat(list("/v1/admin/users?q=" + prefix + "&status=suspended").data())
                .singleElement()
                .satisfies(u ->
                        assertThat(u.get("id").asString()).isEqualTo(third.id().toString()));
        assertThat(list("/v1/admin/users?q=" + prefix + "&status=active").data())
                .hasSize(2);
        assertThat(list("/v1/admin/users?q=" + prefix + "&role=admin").data()).isEmpty();
        assertThat(list("/v1/admin/users?q=" + prefix + "&role=user").data()).hasSize(3);
        assertThat(list("/v1/admin/users?q=%25").data())
                .as("% is a character, not a wildcard")
                .isEmpty();

        for (String bad : List.of("status=gone", "role=root", "per_page=101", "page=0", "q=" + "x".repeat(65))) {
            ApiClient.Response refused = api.get("/v1/admin/users?" + bad, adminToken);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Test
    void aStatusChangeIsStoredAndPublishedOnceAndADeletionRunsTheDeletionFlow() {
        Member target = registered(unique("sus"));
        ApiClient.Response suspended = changeStatus(target.id(), "suspended", "Spam in #general");
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        assertThat(suspended.data().get("status").asString()).isEqualTo("suspended");
        assertThat(suspended.data().get("status_reason").asString()).isEqualTo("Spam in #general");
        JsonNode event = EVENTS.awaitOne("user.status-changed", target.id().toString(), WAIT)
                .orElseThrow()
                .get("data");
        assertThat(event.get("status").asString()).isEqualTo("suspended");
        assertThat(event.get("reason").asString()).isEqualTo("Spam in #general");
        assertThat(event.get("changed_by").asString()).isEqualTo(adminId.toString());
        assertThat(changeStatus(target.id(), "suspended", "Spam in #general").status())
                .isEqualTo(200);

        assertThat(changeStatus(target.id(), "active", null)
                        .data()
                        .get("status")
                        .asString())
                .isEqualTo("active");
        await().atMost(WAIT)
                .until(() -> EVENTS.await("user.status-changed", target.id().toString(), WAIT)
                                .size()
                        == 2);
        assertThat(EVENTS.await("user.status-changed", target.id().toString(), Duration.ofSeconds(1)))
                .as("the repeated suspension published nothing")
                .hasSize(2)
                .last()
                .satisfies(
                        e -> assertThat(e.get("data").get("status").asString()).isEqualTo("active"));

        assertThat(changeStatus(target.id(), "deleted", null)
                        .data()
                        .get("status")
                        .asString())
                .isEqualTo("deleted");
        JsonNode deletion = EVENTS.awaitOne(
                        "user.deletion-requested", target.id().toString(), WAIT)
                .orElseThrow()
                .get("data");
        assertThat(deletion.get("requested_by").asString()).isEqualTo(adminId.toString());
        ApiClient.Response undelete = changeStatus(target.id(), "active", null);
        assertThat(undelete.status()).isEqualTo(422);
        assertThat(undelete.details().get("reason").asString()).isEqualTo("user_deleted");

        registeredAs(adminId, "admin-" + unique("self"));
        ApiClient.Response own = changeStatus(adminId, "suspended", null);
        assertThat(own.status()).as(own.body()).isEqualTo(422);
        assertThat(own.details().get("reason").asString()).isEqualTo("own_account");
        assertThat(changeStatus(UUID.randomUUID(), "suspended", null).status()).isEqualTo(404);
        Member other = registered(unique("val"));
        for (Object bad : List.of(
                Map.of("status", "banned"),
                Map.of(),
                Map.of("status", "suspended", "reason", "x".repeat(501)),
                "{\"status\":",
                "[]")) {
            ApiClient.Response refused = api.send("PUT", "/v1/admin/users/" + other.id() + "/status", adminToken, bad);
            assertThat(refused.status()).as(String.valueOf(bad)).isEqualTo(400);
        }
        assertThat(api.send("PUT", "/v1/admin/users/not-a-uuid/status", adminToken, Map.of("status", "active"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theInternalStatusRouteIsForServiceAccountsOnly() {
        Member target = registered(unique("int"));
        Map<String, Object> body = Map.of("status", "suspended", "reason", "via user-service", "changed_by", adminId);
        String path = "/internal/users/" + target.id() + "/status";
        assertThat(api.send("PUT", path, member().token(), body).status()).isEqualTo(403);
        assertThat(api.send("PUT", path, adminToken, body).status())
                .as("an administrator's token is not a service's")
                .isEqualTo(403);
        assertThat(api.send("PUT", path, null, body).status()).isEqualTo(401);
        ApiClient.Response changed = api.send("PUT", path, serviceToken("user-service"), body);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.data().get("status").asString()).isEqualTo("suspended");
        assertThat(EVENTS.awaitOne("user.status-changed", target.id().toString(), WAIT)
                        .orElseThrow()
                        .get("data")
                        .get("changed_by")
                        .asString())
                .isEqualTo(adminId.toString());
    }

    // --- API keys --------------------------------------------------------------------------------------------

    @Test
    void aKeyIsShownOnceStoredOnlyAsItsHashNeverLoggedAndRevokedForGood(CapturedOutput output) {
        ApiClient.Response created = api.post(
                "/v1/admin/api-keys",
                adminToken,
                Map.of("name", " deploy-bot ", "scopes", List.of("admin", "channels:read", "admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.data();
        String secret = key.get("key").asString();
        String id = key.get("id").asString();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/v1/admin/api-keys/" + id);
        assertThat(secret).startsWith(key.get("prefix").asString() + "_").startsWith("plx_");
        assertThat(secret.length()).isGreaterThan(45);
        assertThat(key.get("name").asString()).isEqualTo("deploy-bot");
        assertThat(key.get("scopes").toString()).isEqualTo("[\"admin\",\"channels:read\"]");
        assertThat(key.get("created_by").asString()).isEqualTo(adminId.toString());
        assertThat(key.get("status").asString()).isEqualTo("active");

        assertThat(jdbc.queryForObject("select secret_hash from api_key where id = ?::uuid", String.class, id))
                .isEqualTo(StoredApiKeys.hash(secret));
        assertThat(jdbc.queryForObject(
                        "select count(*) from api_key k where position(? in cast(k.* as text)) > 0",
                        Long.class,
                        secret.substring(key.get("prefix").asString().length() + 1)))
                .as("the secret is in no column")
                .isZero();

        JsonNode listed = findKey(id);
        assertThat(listed.has("key")).as("shown once").isFalse();
        assertThat(listed.get("prefix").asString()).isEqualTo(key.get("prefix").asString());
        assertThat(listed.get("last_used_at").isNull()).isTrue();
        assertThat(api.get("/v1/admin/api-keys/" + id, adminToken).data().has("key"))
                .isFalse();

        // The key at work, here (admin scope): last_used_at follows without a write per request.
        assertThat(api.withApiKey("GET", "/v1/admin/users", secret, null).status())
                .isEqualTo(200);
        assertThat(findKey(id).get("last_used_at").isNull()).isFalse();
        assertThat(api.withApiKey(
                                "POST",
                                "/v1/admin/api-keys",
                                LEGACY_KEY,
                                Map.of("name", "y", "scopes", List.of("admin")))
                        .status())
                .as("the imported key works with its scopes")
                .isEqualTo(201);

        // The lookup the gateway and services make: by hash, with service credentials only.
        String lookup = "/internal/api-keys/" + StoredApiKeys.hash(secret);
        assertThat(api.get(lookup, member().token()).status()).isEqualTo(403);
        JsonNode found = api.get(lookup, serviceToken("gateway")).data();
        assertThat(found.get("id").asString()).isEqualTo(id);
        assertThat(found.get("scopes").toString()).isEqualTo("[\"admin\",\"channels:read\"]");
        assertThat(found.get("revoked").asBoolean()).isFalse();
        assertThat(api.get("/internal/api-keys/" + "0".repeat(64), serviceToken("gateway"))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/internal/api-keys/not-a-hash", serviceToken("gateway"))
                        .status())
                .isEqualTo(404);

        assertThat(api.send("DELETE", "/v1/admin/api-keys/" + id, adminToken, null)
                        .status())
                .isEqualTo(204);
        assertThat(EVENTS.awaitOne("api-key.revoked", id, WAIT)
                        .orElseThrow()
                        .get("data")
                        .get("key_id")
                        .asString())
                .isEqualTo(id);
        assertThat(api.withApiKey("GET", "/v1/admin/users", secret, null).status())
                .isEqualTo(401);
        assertThat(api.get(lookup, serviceToken("gateway"))
                        .data()
                        .get("revoked")
                        .asBoolean())
                .isTrue();
        assertThat(api.send("DELETE", "/v1/admin/api-keys/" + id, adminToken, null)
                        .status())
                .as("revoking twice")
                .isEqualTo(204);
        assertThat(findKey(id).get("status").asString()).isEqualTo("revoked");
        assertThat(api.send("DELETE", "/v1/admin/api-keys/" + UUID.randomUUID(), adminToken, null)
                        .status())
                .isEqualTo(404);

        assertThat(output.getAll()).as("the key is never logged").doesNotContain(secret);
    }

    @Test
    void anExpiredKeyIsRefusedLikeARevokedOneAndBadRequestsAreRefusedWithTheirField() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", "short-lived");
        request.put("scopes", List.of("admin"));
        request.put("expires_at", Instant.now().plusSeconds(3).toString());
        JsonNode key = api.post("/v1/admin/api-keys", adminToken, request).data();
        String secret = key.get("key").asString();
        assertThat(api.withApiKey("GET", "/v1/admin/api-keys", secret, null).status())
                .isEqualTo(200);
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.withApiKey("GET", "/v1/admin/api-keys", secret, null)
                                .status()
                        == 401);
        assertThat(findKey(key.get("id").asString()).get("status").asString()).isEqualTo("expired");

        List<Object[]> bad = new ArrayList<>();
        bad.add(new Object[] {Map.of("name", "x", "scopes", List.of("root")), "scopes"});
        bad.add(new Object[] {Map.of("name", "x", "scopes", List.of()), "scopes"});
        bad.add(new Object[] {Map.of("scopes", List.of("admin")), "name"});
        bad.add(new Object[] {Map.of("name", "x".repeat(101), "scopes", List.of("admin")), "name"});
        bad.add(new Object[] {
            Map.of("name", "x", "scopes", List.of("admin"), "expires_at", "2001-01-01T00:00:00Z"), "expires_at"
        });
        bad.add(new Object[] {Map.of("name", "x", "scopes", List.of("admin"), "expires_at", "soon"), "expires_at"});
        bad.add(new Object[] {
            Map.of("name", "x", "scopes", List.of("admin"), "organization_id", "nope"), "organization_id"
        });
        for (Object[] one : bad) {
            ApiClient.Response refused = api.post("/v1/admin/api-keys", adminToken, one[0]);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.field()).as(refused.body()).isEqualTo(one[1]);
        }
        assertThat(api.get("/v1/admin/api-keys/not-a-uuid", adminToken).status())
                .isEqualTo(400);
    }

    @Test
    void aKeyFromConfigurationIsImportedOnceWithItsScopes() {
        JsonNode imported = findKey("5e0c7a41-9d2b-4f36-8a15-c7e3b9d0f214");
        assertThat(imported.get("name").asString()).isEqualTo("legacy-bot");
        assertThat(imported.get("scopes").toString()).isEqualTo("[\"admin\"]");
        assertThat(api.get("/internal/api-keys/" + LEGACY_KEY_HASH, serviceToken("gateway"))
                        .data()
                        .get("id")
                        .asString())
                .isEqualTo("5e0c7a41-9d2b-4f36-8a15-c7e3b9d0f214");
    }

    // --- audit log -------------------------------------------------------------------------------------------

    @Test
    void theAuditLogChainsEveryEntryRefusesChangesAndNamesTheFirstEntryTamperedWith() throws Exception {
        Member target = registered(unique("aud"));
        assertThat(changeStatus(target.id(), "suspended", "audit me").status()).isEqualTo(200);
        String keyId = createKey("audited", List.of("users:read")).get("id").asString();
        assertThat(api.send("DELETE", "/v1/admin/api-keys/" + keyId, adminToken, null)
                        .status())
                .isEqualTo(204);

        await().atMost(WAIT)
                .until(() -> list("/v1/admin/audit-logs?target_id=" + target.id())
                                .data()
                                .size()
                        == 2);
        JsonNode entries = list("/v1/admin/audit-logs?target_id=" + target.id()).data();
        JsonNode suspension = entries.get(0);
        assertThat(suspension.get("action").asString()).isEqualTo("user.status-changed");
        assertThat(suspension.get("actor").get("user_id").asString()).isEqualTo(adminId.toString());
        assertThat(suspension.get("target").get("type").asString()).isEqualTo("user");
        assertThat(suspension.get("details").get("reason").asString()).isEqualTo("audit me");
        assertThat(suspension.get("outcome").asString()).isEqualTo("success");
        assertThat(suspension.get("request_id").asString()).startsWith("req_");
        assertThat(suspension.get("actor").get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(suspension.get("actor").get("user_agent").asString()).startsWith("Java-http-client");
        assertThat(entries.get(1).get("action").asString()).isEqualTo("user.registered");
        assertThat(suspension.get("seq").asLong())
                .isGreaterThan(entries.get(1).get("seq").asLong());
        await().atMost(WAIT)
                .until(() ->
                        list("/v1/admin/audit-logs?target_id=" + keyId).data().size() == 2);
        JsonNode keyEntries = list("/v1/admin/audit-logs?target_type=api_key&target_id=" + keyId)
                .data();
        assertThat(keyEntries.get(0).get("action").asString()).isEqualTo("api-key.revoked");
        assertThat(keyEntries.get(1).get("action").asString()).isEqualTo("api-key.created");
        assertThat(keyEntries.get(1).get("actor").get("user_id").asString()).isEqualTo(adminId.toString());
        assertThat(keyEntries.get(1).toString()).doesNotContain("secret_hash");
        assertThat(list("/v1/admin/audit-logs?actor_id=" + adminId + "&action=api-key.created&limit=100")
                        .data()
                        .valueStream()
                        .map(e -> e.get("target").get("id").asString()))
                .contains(keyId);

        UUID loginId = UUID.randomUUID();
        INJECT.publish(
                Topics.AUTH,
                LoginAttempted.TYPE.name(),
                loginId.toString(),
                new LoginAttempted(loginId, "locked", "password", Instant.now()));
        await().atMost(WAIT)
                .until(() ->
                        list("/v1/admin/audit-logs?target_id=" + loginId).data().size() == 1);
        JsonNode login = list("/v1/admin/audit-logs?action=auth.login&target_id=" + loginId)
                .data()
                .get(0);
        assertThat(login.get("outcome").asString()).isEqualTo("locked");

        JsonNode verified = list("/v1/admin/audit-logs/verify").data();
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("entries_checked").asLong()).isGreaterThanOrEqualTo(4);

        long seq = suspension.get("seq").asLong();
        for (String change : List.of(
                "update audit_entry set outcome = 'failure' where seq = " + seq,
                "delete from audit_entry where seq = " + seq,
                "truncate audit_entry")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.execute(change))
                    .as(change)
                    .hasStackTraceContaining("append-only");
        }

        // Someone with the database's superuser bypasses the trigger: the chain still tells.
        String original = jdbc.queryForObject("select details::text from audit_entry where seq = ?", String.class, seq);
        bypassingTriggers("update audit_entry set details = '{\"reason\": \"nothing to see\"}' where seq = " + seq);
        JsonNode tampered = list("/v1/admin/audit-logs/verify").data();
        assertThat(tampered.get("valid").asBoolean()).isFalse();
        assertThat(tampered.get("first_broken").get("seq").asLong()).isEqualTo(seq);
        assertThat(tampered.get("first_broken").get("id").asString())
                .isEqualTo(suspension.get("id").asString());
        bypassingTriggers("update audit_entry set details = '" + original.replace("'", "''") + "' where seq = " + seq);
        assertThat(list("/v1/admin/audit-logs/verify").data().get("valid").asBoolean())
                .isTrue();

        // Cursor pages, newest first; the export streams every entry oldest first.
        ApiClient.Response first = list("/v1/admin/audit-logs?limit=1");
        JsonNode cursor = first.json().get("pagination");
        assertThat(cursor.get("has_more").asBoolean()).isTrue();
        JsonNode older = list("/v1/admin/audit-logs?limit=1&cursor="
                        + cursor.get("next_cursor").asString())
                .data()
                .get(0);
        assertThat(older.get("seq").asLong())
                .isLessThan(first.data().get(0).get("seq").asLong());
        HttpResponse<String> export = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/admin/audit-logs/export"))
                        .header("Authorization", "Bearer " + adminToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        List<Long> seqs = export.body()
                .lines()
                .map(line -> ApiClient.JSON.readTree(line).get("seq").asLong())
                .toList();
        assertThat(seqs).isSorted().contains(seq);
        assertThat(seqs.getFirst()).isEqualTo(1);

        for (String bad : List.of("limit=0", "limit=101", "from=yesterday", "actor_id=nobody", "cursor=abc")) {
            ApiClient.Response refused = api.get("/v1/admin/audit-logs?" + bad, adminToken);
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void signedCheckpointsOutsideTheDatabaseCatchATableWhoseTailWasCutOff() {
        registered(unique("chk"));
        for (String topic : List.of(Topics.USERS, Topics.AUTH, Topics.ORGS, Topics.CHANNELS, Topics.ADMIN)) {
            INJECT.awaitConsumed("admin-service.audit", topic, WAIT);
        }
        long head =
                list("/v1/admin/audit-logs?limit=1").data().get(0).get("seq").asLong();
        // Checkpoints go out every second (here) while the log grows.
        await().atMost(WAIT)
                .until(() -> list("/v1/admin/audit-logs/verify")
                                .data()
                                .get("checkpoints")
                                .get("latest_seq")
                                .asLong(-1)
                        == head);
        JsonNode intact = list("/v1/admin/audit-logs/verify").data();
        assertThat(intact.get("valid").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.get("checkpoints").get("checked").asLong()).isPositive();

        // Cutting the newest entry leaves a chain that is consistent in itself; the signed checkpoint tells.
        bypassingTriggers("create table audit_cut as select * from audit_entry where seq = " + head
                + "; delete from audit_entry where seq = " + head);
        try {
            JsonNode cut = list("/v1/admin/audit-logs/verify").data();
            assertThat(cut.get("valid").asBoolean()).as(cut.toString()).isFalse();
            assertThat(cut.get("head_seq").asLong()).isEqualTo(head - 1);
            assertThat(cut.get("first_broken").get("seq").asLong()).isEqualTo(head);
            assertThat(cut.get("first_broken").get("reason").asString()).contains("cut or rewritten");
        } finally {
            bypassingTriggers("insert into audit_entry select * from audit_cut; drop table audit_cut");
        }
        assertThat(list("/v1/admin/audit-logs/verify").data().get("valid").asBoolean())
                .isTrue();
    }

    // --- settings --------------------------------------------------------------------------------------------

    @Test
    void settingsAreValidatedVersionedAppliedByTheServicesAndAuditedWithBeforeAndAfter() {
        ApiClient.Response read = list("/v1/admin/settings");
        long version = read.data().get("version").asLong();
        assertThat(read.raw().headers().firstValue("ETag")).hasValue("\"" + version + "\"");
        JsonNode current = read.data();
        assertThat(current.get("registration").get("mode").asString()).isIn("open", "invite_only", "closed");
        assertThat(current.get("registration").get("require_verified_email").isBoolean())
                .isTrue();
        assertThat(current.get("rate_limits").get("auth").get("period_seconds").asLong())
                .isPositive();
        assertThat(current.get("messages").get("max_length").asInt()).isPositive();
        assertThat(current.get("directory").get("visibility").asString()).isIn("organization", "everyone");

        tools.jackson.databind.node.ObjectNode changed = (tools.jackson.databind.node.ObjectNode) current.deepCopy();
        long authLimit = current.get("rate_limits").get("auth").get("limit").asLong() + 7;
        ((tools.jackson.databind.node.ObjectNode) changed.get("rate_limits").get("auth")).put("limit", authLimit);
        ((tools.jackson.databind.node.ObjectNode) changed.get("registration"))
                .set("allowed_email_domains", ApiClient.JSON.readTree("[\"Example.ORG\"]"));
        String body = changed.toString();

        ApiClient.Response unconditional = api.send("PUT", "/v1/admin/settings", adminToken, body);
        assertThat(unconditional.status()).isEqualTo(428);
        assertThat(unconditional.errorCode()).isEqualTo("PRECONDITION_REQUIRED");
        ApiClient.Response stale = put(body, "\"" + (version + 5) + "\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo("PRECONDITION_FAILED");
        assertThat(stale.details().get("current_version").asLong()).isEqualTo(version);

        tools.jackson.databind.node.ObjectNode bad = (tools.jackson.databind.node.ObjectNode) current.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) bad.get("registration")).put("mode", "sometimes");
        ((tools.jackson.databind.node.ObjectNode) bad.get("rate_limits").get("api")).put("limit", 0);
        ((tools.jackson.databind.node.ObjectNode) bad.get("files")).put("user_quota_bytes", 1);
        ((tools.jackson.databind.node.ObjectNode) bad.get("messages")).put("max_length", 1_000_000);
        bad.remove("retention");
        ((tools.jackson.databind.node.ObjectNode) bad.get("directory")).put("visibility", "galaxy");
        ApiClient.Response invalid = put(bad.toString(), "\"" + version + "\"");
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.details()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder(
                        "registration.mode",
                        "rate_limits.api.limit",
                        "files.user_quota_bytes",
                        "messages.max_length",
                        "retention",
                        "directory.visibility");
        ApiClient.Response unknownField = put(
                "{\"registration\":{\"mode\":\"open\",\"allowed_email_domains\":[]}," + "\"surprise\":true}",
                "\"" + version + "\"");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(list("/v1/admin/settings").data().get("version").asLong())
                .as("nothing refused changed anything")
                .isEqualTo(version);

        ApiClient.Response saved = put(body, "\"" + version + "\"");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.data().get("version").asLong()).isEqualTo(version + 1);
        assertThat(saved.raw().headers().firstValue("ETag")).hasValue("\"" + (version + 1) + "\"");
        assertThat(saved.data()
                        .get("registration")
                        .get("allowed_email_domains")
                        .get(0)
                        .asString())
                .isEqualTo("example.org");
        assertThat(saved.data().get("updated_by").asString()).isEqualTo(adminId.toString());
        assertThat(put(body, "\"" + version + "\"").status())
                .as("the version read before is stale now")
                .isEqualTo(412);

        // Published on the compacted settings topic, which every instance (this one too) follows.
        await().atMost(Duration.ofSeconds(5)).until(() -> liveSettings.version() == version + 1);
        assertThat(liveSettings.current().orElseThrow().rateLimits().auth().limit())
                .isEqualTo(authLimit);

        await().atMost(WAIT)
                .until(() -> list("/v1/admin/audit-logs?action=settings.changed&target_id=" + (version + 1))
                                .data()
                                .size()
                        == 1);
        JsonNode audited = list("/v1/admin/audit-logs?action=settings.changed&target_id=" + (version + 1))
                .data()
                .get(0);
        assertThat(audited.get("actor").get("user_id").asString()).isEqualTo(adminId.toString());
        assertThat(audited.get("details")
                        .get("previous")
                        .get("rate_limits")
                        .get("auth")
                        .get("limit")
                        .asLong())
                .isEqualTo(authLimit - 7);
        assertThat(audited.get("details")
                        .get("settings")
                        .get("rate_limits")
                        .get("auth")
                        .get("limit")
                        .asLong())
                .isEqualTo(authLimit);
    }

    // --- statistics ------------------------------------------------------------------------------------------

    @Test
    void statsCountWhatTheEventsSayAndEachEventOnce() {
        JsonNode before = list("/v1/admin/stats").data();
        UUID org = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        Instant now = Instant.now();
        INJECT.publish(
                Topics.ORGS, OrgCreated.TYPE.name(), org.toString(), new OrgCreated(org, "o", "o", adminId, now));
        INJECT.publish(
                Topics.ORGS, OrgCreated.TYPE.name(), gone.toString(), new OrgCreated(gone, "g", "g", adminId, now));
        for (UUID channel : List.of(UUID.randomUUID(), UUID.randomUUID())) {
            INJECT.publish(
                    Topics.CHANNELS,
                    ChannelCreated.TYPE.name(),
                    channel.toString(),
                    new ChannelCreated(channel, org, "c", "text", "", adminId, Map.of(), now));
        }
        UUID goneChannel = UUID.randomUUID();
        INJECT.publish(
                Topics.CHANNELS,
                ChannelCreated.TYPE.name(),
                goneChannel.toString(),
                new ChannelCreated(goneChannel, gone, "c", "text", "", adminId, Map.of(), now));
        INJECT.publish(Topics.ORGS, OrgDeleted.TYPE.name(), gone.toString(), new OrgDeleted(gone, now));
        INJECT.publish(
                Topics.CHANNELS,
                ChannelDeleted.TYPE.name(),
                goneChannel.toString(),
                new ChannelDeleted(goneChannel, gone, now));
        UUID dm = UUID.randomUUID();
        INJECT.publish(
                Topics.MESSAGES,
                DmCreated.TYPE.name(),
                dm.toString(),
                new DmCreated(dm, List.of(adminId), adminId, now));
        for (int i = 0; i < 3; i++) {
            INJECT.publish(Topics.MESSAGES, MessageSent.TYPE.name(), dm.toString(), message(dm, now));
        }
        // The same event twice (a redelivery) is one message.
        String twice = INJECT.publish(Topics.MESSAGES, MessageSent.TYPE.name(), dm.toString(), message(dm, now));
        INJECT.send(Topics.MESSAGES, dm.toString(), twice);
        UUID kept = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        INJECT.publish(Topics.FILES, FileUploaded.TYPE.name(), kept.toString(), file(kept, 1000, now));
        INJECT.publish(Topics.FILES, FileUploaded.TYPE.name(), deleted.toString(), file(deleted, 24, now));
        INJECT.publish(
                Topics.FILES,
                FileDeleted.TYPE.name(),
                deleted.toString(),
                new FileDeleted(deleted, adminId, adminId, now));
        INJECT.publish(
                Topics.USERS,
                ConnectionOpened.TYPE.name(),
                adminId.toString(),
                new ConnectionOpened(adminId, "stats-c1", "test-instance", now));
        INJECT.publish(
                Topics.USERS,
                ConnectionOpened.TYPE.name(),
                adminId.toString(),
                new ConnectionOpened(adminId, "stats-c2", "test-instance", now));
        INJECT.publish(
                Topics.USERS,
                ConnectionClosed.TYPE.name(),
                adminId.toString(),
                new ConnectionClosed(adminId, "stats-c1", "test-instance", now));
        for (String topic : List.of(Topics.USERS, Topics.ORGS, Topics.CHANNELS, Topics.MESSAGES, Topics.FILES)) {
            INJECT.awaitConsumed("admin-service.stats", topic, WAIT);
        }

        JsonNode after = list("/v1/admin/stats").data();
        assertThat(delta(before, after, "organizations")).isEqualTo(1);
        assertThat(delta(before, after, "channels"))
                .as("the deleted organization's channel is gone")
                .isEqualTo(2);
        assertThat(delta(before, after, "dm_conversations")).isEqualTo(1);
        assertThat(delta(before, after, "messages", "total_30d")).isEqualTo(4);
        JsonNode days = after.get("messages").get("per_day");
        assertThat(days.size()).isEqualTo(30);
        assertThat(days.get(29).get("date").asString())
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(delta(before, after, "files", "count")).isEqualTo(1);
        assertThat(delta(before, after, "files", "bytes")).isEqualTo(1000);
        assertThat(delta(before, after, "websocket_connections")).isEqualTo(1);
        assertThat(after.get("users").get("total").asLong()).isPositive();
        assertThat(after.get("users").has("active_24h")).isTrue();
        assertThat(after.get("active_calls").asLong()).isZero();
        assertThat(Instant.parse(after.get("as_of").asString())).isAfter(now.minusSeconds(1));
    }

    // --- dead letters ----------------------------------------------------------------------------------------

    @Test
    void deadLettersShowInHealthUntilAnAdministratorSendsThemBackEachOnce() {
        String deadLetters = Topics.deadLetter(Topics.CALLS);
        UUID call = UUID.randomUUID();
        try (EventProbe calls = new EventProbe(Topics.CALLS)) {
            INJECT.publish(
                    deadLetters,
                    VoiceJoined.TYPE.name(),
                    call.toString(),
                    new VoiceJoined(call, UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
            await().atMost(WAIT).until(() -> pendingDeadLetters(deadLetters) >= 1);

            ApiClient.Response replayed =
                    api.send("POST", "/v1/admin/dead-letters/" + Topics.CALLS + "/replay", adminToken, null);
            assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
            assertThat(replayed.data().get("replayed").asInt()).isPositive();
            assertThat(replayed.data().get("remaining").asLong()).isZero();
            assertThat(calls.awaitOne(VoiceJoined.TYPE.name(), call.toString(), WAIT))
                    .as("back on its topic, as it first arrived")
                    .isPresent();
            assertThat(pendingDeadLetters(deadLetters))
                    .as("health no longer counts what was sent back")
                    .isZero();

            ApiClient.Response again =
                    api.send("POST", "/v1/admin/dead-letters/" + Topics.CALLS + "/replay", adminToken, null);
            assertThat(again.data().get("replayed").asInt())
                    .as("each record goes back once")
                    .isZero();
            assertThat(calls.await(VoiceJoined.TYPE.name(), call.toString(), Duration.ofSeconds(2)))
                    .hasSize(1);
        }
        for (String topic : List.of("plexichat.no-such-topic", "other.topic", "plexichat.calls.DLT")) {
            ApiClient.Response unknown =
                    api.send("POST", "/v1/admin/dead-letters/" + topic + "/replay", adminToken, null);
            assertThat(unknown.status()).as(topic).isEqualTo(404);
        }
    }

    private long pendingDeadLetters(String topic) {
        return list("/v1/admin/health")
                .data()
                .get("infrastructure")
                .get("kafka")
                .get("dead_letter_topics")
                .valueStream()
                .filter(t -> t.get("topic").asString().equals(topic))
                .mapToLong(t -> t.get("records").asLong())
                .sum();
    }

    // --- health ----------------------------------------------------------------------------------------------

    @Test
    void healthTimesEachCheckAndNamesTheComponentThatStopped() throws Exception {
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
        JsonNode running;
        try {
            running = list("/v1/admin/health").data();
        } finally {
            smtp.stop();
        }
        JsonNode infrastructure = running.get("infrastructure");
        assertThat(infrastructure.get("smtp").get("status").asString())
                .as(running.toString())
                .isEqualTo("UP");
        assertThat(infrastructure.get("keycloak").get("status").asString()).isEqualTo("UP");
        assertThat(infrastructure.get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(infrastructure.get("kafka").get("brokers").asInt()).isPositive();
        assertThat(infrastructure
                        .get("kafka")
                        .get("consumer_groups")
                        .valueStream()
                        .map(g -> g.get("group").asString()))
                .contains("admin-service.audit", "admin-service.stats", "admin-service.users");
        for (String check : List.of("smtp", "keycloak", "kafka")) {
            assertThat(infrastructure.get(check).has("took_ms")).as(check).isTrue();
        }

        JsonNode stopped = list("/v1/admin/health").data();
        assertThat(stopped.get("status").asString()).isEqualTo("DOWN");
        assertThat(stopped.get("infrastructure").get("smtp").get("status").asString())
                .isEqualTo("DOWN");
        assertThat(stopped.get("infrastructure").get("smtp").get("error").asString())
                .contains("Connect");
        assertThat(stopped.get("infrastructure").get("keycloak").get("status").asString())
                .as("the others still answer")
                .isEqualTo("UP");
        assertThat(stopped.get("infrastructure").get("kafka").get("status").asString())
                .isEqualTo("UP");

        // A record some consumer gave up on shows until somebody deals with it.
        INJECT.send("plexichat.orgs.DLT", "x", "{\"type\":\"org.created\"}");
        await().atMost(WAIT)
                .until(() -> list("/v1/admin/health")
                        .data()
                        .get("infrastructure")
                        .get("kafka")
                        .get("dead_letter_topics")
                        .valueStream()
                        .anyMatch(t -> t.get("topic").asString().equals("plexichat.orgs.DLT")
                                && t.get("records").asLong() >= 1));
    }

    private ApiClient.Response put(String body, String ifMatch) {
        return api.send("PUT", "/v1/admin/settings", adminToken, body, Map.of("If-Match", ifMatch));
    }

    private static long delta(JsonNode before, JsonNode after, String... path) {
        JsonNode a = before;
        JsonNode b = after;
        for (String step : path) {
            a = a.get(step);
            b = b.get(step);
        }
        return b.asLong() - a.asLong();
    }

    private static MessageSent message(UUID conversation, Instant at) {
        return new MessageSent(
                UUID.randomUUID(),
                conversation,
                "dm",
                null,
                1,
                UUID.randomUUID(),
                "hi",
                null,
                0,
                List.of(),
                List.of(),
                List.of(),
                "c",
                at);
    }

    private static FileUploaded file(UUID id, long size, Instant at) {
        return new FileUploaded(id, UUID.randomUUID(), "f.txt", "text/plain", size, "00", null, at);
    }

    private void bypassingTriggers(String sql) {
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
                statement.execute(sql);
                statement.execute("set session_replication_role = origin");
            }
            return null;
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private JsonNode createKey(String name, List<String> scopes) {
        ApiClient.Response created = api.post("/v1/admin/api-keys", adminToken, Map.of("name", name, "scopes", scopes));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data();
    }

    private JsonNode findKey(String id) {
        for (int page = 1; ; page++) {
            ApiClient.Response listed = list("/v1/admin/api-keys?per_page=100&page=" + page);
            for (JsonNode key : listed.data()) {
                if (key.get("id").asString().equals(id)) {
                    return key;
                }
            }
            if (listed.data().isEmpty()) {
                throw new AssertionError("key " + id + " not listed");
            }
        }
    }

    private ApiClient.Response list(String path) {
        ApiClient.Response response = api.get(path, adminToken);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private ApiClient.Response changeStatus(UUID id, String status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (reason != null) {
            body.put("reason", reason);
        }
        return api.send("PUT", "/v1/admin/users/" + id + "/status", adminToken, body);
    }

    /** A member of the realm (role user), with a token. */
    private Member member() {
        String username = unique("member");
        UUID id = realm.createUser(username, PASSWORD);
        return new Member(id, username, realm.login(username, PASSWORD).accessToken());
    }

    /** A user as auth-service announces one, once the replica has it. */
    private Member registered(String username) {
        return registeredAs(UUID.randomUUID(), username);
    }

    private Member registeredAs(UUID id, String username) {
        INJECT.publish(
                Topics.USERS,
                UserRegistered.TYPE.name(),
                id.toString(),
                new UserRegistered(id, username, username + "@example.org", username, Instant.now()));
        await().atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                                "select count(*) from admin_user where id = ? and username = ?",
                                Long.class,
                                id,
                                username)
                        == 1);
        return new Member(id, username, null);
    }

    private static String serviceToken(String client) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(client, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(keycloak.serviceClientSecret(client), StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return ApiClient.JSON.readTree(response.body()).get("access_token").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID subject(String token) {
        String payload =
                new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return UUID.fromString(ApiClient.JSON.readTree(payload).get("sub").asString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
