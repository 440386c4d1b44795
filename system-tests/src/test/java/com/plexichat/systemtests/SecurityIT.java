package com.plexichat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.plexichat.devstack.ReceivedMail;
import com.plexichat.platform.api.SecurityHeaders;
import com.plexichat.platform.test.ForgedTokens;
import com.plexichat.platform.test.ImapMailbox;
import com.plexichat.platform.test.KeycloakTestClient;
import com.plexichat.platform.test.MultipartBody;
import com.plexichat.platform.test.RecordingWebSocket;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import tools.jackson.databind.JsonNode;

/**
 * The OWASP API Security Top 10 (2023), one nested class per item, tried as an attacker would against the whole
 * system ({@code ./plexichat up}, its own data and ports) through the gateway, the only URL clients know. Every
 * person here registers, verifies the mailed link and logs in as a client does, each from an address of its own (the
 * stack trusts loopback as a proxy, so {@code X-Forwarded-For} names the client, as behind a load balancer).
 *
 * <p>docs/security.md lists each control with the test here that proves it.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SecurityIT {

    private static final String GATEWAY = SystemStack.GATEWAY;
    private static final int IMAP = 13143 + SystemStack.OFFSET;
    private static final String PASSWORD = SystemStack.PASSWORD;
    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    private static final Pattern VERIFY_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}/]+}");
    private static final List<String> LEAKS =
            List.of("Exception", "\tat ", "at com.", "at org.", "java.", "org.springframework", "reactor.", "SQL");

    record Person(String id, String username, String email, String token, String client) {}

    record Answer(int status, String body, HttpHeaders headers) {

        JsonNode json() {
            try {
                return SystemStack.JSON.readTree(body);
            } catch (RuntimeException notJson) {
                return null;
            }
        }

        JsonNode data() {
            return json().get("data");
        }

        String code() {
            JsonNode json = json();
            return json == null || json.get("error") == null
                    ? null
                    : json.get("error").get("code").asString();
        }

        String reason() {
            JsonNode json = json();
            JsonNode details = json == null || json.get("error") == null
                    ? null
                    : json.get("error").get("details");
            return details == null || details.get("reason") == null
                    ? null
                    : details.get("reason").asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** One request an attacker sends: placeholders ({org}, {message}, ...) are the victims' ids. */
    record Case(String method, String path, Object body) {

        String endpoint() {
            return method + " " + PLACEHOLDER.matcher(path).replaceAll("{}");
        }
    }

    private static Person admin;
    private static Person owner;
    private static Person member;
    private static Person outsider;
    private static final Map<String, String> IDS = new LinkedHashMap<>();

    @BeforeAll
    static void up() throws Exception {
        SystemStack.up(Map.of(
                // The load balancer in front of the gateway: loopback. Each person below is another client address.
                "PLEXICHAT_TRUSTED_PROXIES", "127.0.0.1",
                // The local stack's own flags and no AOT training run: this is a test, not a benchmark.
                "PLEXICHAT_JAVA_OPTS", "",
                "PLEXICHAT_AOT", "0"));
        String adminClient = nextAddress();
        admin = new Person(
                null,
                "admin",
                null,
                loginToken("admin", SystemStack.secret("admin-password"), adminClient),
                adminClient);
        owner = person("owner");
        member = person("member");
        outsider = person("outsider");

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        IDS.put("owner", owner.id());
        IDS.put("member", member.id());
        IDS.put("outsider", outsider.id());
        IDS.put("emoji", encode("👍"));
        IDS.put("part", "1");
        IDS.put(
                "org",
                created(call(
                        "POST", "/v1/organizations", owner, Map.of("name", "Sec " + suffix, "slug", "sec-" + suffix))));
        Answer added = retry(
                201,
                () -> call(
                        "POST",
                        "/v1/organizations/" + IDS.get("org") + "/members",
                        owner,
                        Map.of("user_id", member.id(), "role", "member")));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        IDS.put(
                "channel",
                created(retry(
                        201,
                        () -> call(
                                "POST",
                                "/v1/channels",
                                owner,
                                Map.of("organization_id", IDS.get("org"), "name", "plans", "type", "private")))));
        IDS.put(
                "general",
                created(call(
                        "POST",
                        "/v1/channels",
                        owner,
                        Map.of("organization_id", IDS.get("org"), "name", "general", "type", "public"))));
        IDS.put(
                "message",
                created(retry(
                        201,
                        () -> call(
                                "POST",
                                "/v1/channels/" + IDS.get("channel") + "/messages",
                                owner,
                                Map.of("content", "the plan")))));
        IDS.put(
                "reply",
                created(call(
                        "POST", "/v1/messages/" + IDS.get("message") + "/thread", owner, Map.of("content", "re"))));
        assertThat(call("POST", "/v1/messages/" + IDS.get("message") + "/reactions", owner, Map.of("emoji", "👍"))
                        .status())
                .isBetween(200, 201);
        IDS.put(
                "dm",
                created(retry(
                        201,
                        () -> call(
                                "POST",
                                "/v1/dm/conversations",
                                owner,
                                Map.of("participant_ids", List.of(member.id()))))));
        assertThat(call("POST", "/v1/dm/conversations/" + IDS.get("dm") + "/messages", owner, Map.of("content", "psst"))
                        .status())
                .isEqualTo(201);
        IDS.put(
                "file",
                created(retry(
                        201,
                        () -> upload(
                                "/v1/files?conversation_id=" + IDS.get("channel"),
                                owner,
                                "plan.txt",
                                "the secret plan".getBytes(StandardCharsets.UTF_8)))));
        IDS.put(
                "upload",
                created(call(
                        "POST",
                        "/v1/files/uploads",
                        owner,
                        Map.of("name", "big.bin", "size", 16, "conversation_id", IDS.get("channel")))));
        IDS.put(
                "call",
                created(retry(
                        201,
                        () -> call(
                                "POST",
                                "/v1/calls",
                                owner,
                                Map.of("conversation_id", IDS.get("dm"), "type", "video")))));
        IDS.put(
                "key",
                created(call(
                        "POST",
                        "/v1/admin/api-keys",
                        admin,
                        Map.of("name", "security-it", "scopes", List.of("channels:read")))));
    }

    @AfterAll
    static void down() throws Exception {
        SystemStack.down();
    }

    // --- API1: broken object level authorization ---------------------------------------------------------------

    /** Every id-taking endpoint, with the victims' ids. */
    static List<Case> objectCases() {
        byte[] part = new byte[16];
        return List.of(
                new Case("GET", "/v1/users/{owner}", null),
                new Case("PUT", "/v1/users/{owner}", Map.of("display_name", "pwned")),
                new Case("DELETE", "/v1/users/{owner}", null),
                new Case("GET", "/v1/users/{owner}/profile", null),
                new Case("PUT", "/v1/users/{owner}/profile", Map.of("bio", "pwned")),
                new Case("GET", "/v1/users/{owner}/presence", null),
                new Case("PUT", "/v1/users/{owner}/presence", Map.of("status", "dnd")),
                new Case("GET", "/v1/organizations/{org}", null),
                new Case("PUT", "/v1/organizations/{org}", Map.of("name", "pwned")),
                new Case("DELETE", "/v1/organizations/{org}", null),
                new Case("GET", "/v1/organizations/{org}/members", null),
                new Case("POST", "/v1/organizations/{org}/members", Map.of("user_id", "{outsider}", "role", "owner")),
                new Case("GET", "/v1/organizations/{org}/members/{member}", null),
                new Case("DELETE", "/v1/organizations/{org}/members/{member}", null),
                new Case("GET", "/v1/channels/{channel}", null),
                new Case("PUT", "/v1/channels/{channel}", Map.of("name", "pwned")),
                new Case("DELETE", "/v1/channels/{channel}", null),
                new Case("GET", "/v1/channels/{channel}/members", null),
                new Case("POST", "/v1/channels/{channel}/members", Map.of("user_id", "{outsider}")),
                new Case("DELETE", "/v1/channels/{channel}/members/{owner}", null),
                new Case("GET", "/v1/channels/{channel}/permissions", null),
                new Case(
                        "PUT",
                        "/v1/channels/{channel}/permissions",
                        Map.of("roles", Map.of("member", List.of("read_messages")))),
                new Case("GET", "/v1/channels/{channel}/messages", null),
                new Case("POST", "/v1/channels/{channel}/messages", Map.of("content", "pwned")),
                new Case("POST", "/v1/channels/{channel}/read", Map.of("seq", 1)),
                new Case("GET", "/v1/messages/{message}", null),
                new Case("PUT", "/v1/messages/{message}", Map.of("content", "pwned")),
                new Case("DELETE", "/v1/messages/{message}", null),
                new Case("GET", "/v1/messages/{message}/history", null),
                new Case("POST", "/v1/messages/{message}/reactions", Map.of("emoji", "👎")),
                new Case("DELETE", "/v1/messages/{message}/reactions/{emoji}", null),
                new Case("GET", "/v1/messages/{message}/thread", null),
                new Case("POST", "/v1/messages/{message}/thread", Map.of("content", "pwned")),
                new Case("GET", "/v1/dm/conversations/{dm}", null),
                new Case("GET", "/v1/dm/conversations/{dm}/messages", null),
                new Case("POST", "/v1/dm/conversations/{dm}/messages", Map.of("content", "pwned")),
                new Case("POST", "/v1/dm/conversations/{dm}/read", Map.of("seq", 1)),
                new Case("GET", "/v1/files/{file}", null),
                new Case("GET", "/v1/files/{file}/download", null),
                new Case("DELETE", "/v1/files/{file}", null),
                new Case("GET", "/v1/files/{file}/thumbnail", null),
                new Case("POST", "/v1/files/{file}/share", Map.of("expires_in", 600)),
                new Case("DELETE", "/v1/files/{file}/share", null),
                new Case("GET", "/v1/files/uploads/{upload}", null),
                new Case("PUT", "/v1/files/uploads/{upload}/parts/{part}", part),
                new Case("POST", "/v1/files/uploads/{upload}/complete", Map.of()),
                new Case("DELETE", "/v1/files/uploads/{upload}", null),
                new Case("POST", "/v1/channels/{channel}/voice/join", Map.of()),
                new Case("DELETE", "/v1/channels/{channel}/voice/leave", null),
                new Case("GET", "/v1/channels/{channel}/voice/participants", null),
                new Case("GET", "/v1/calls/{call}", null),
                new Case("POST", "/v1/calls/{call}/join", Map.of()),
                new Case("DELETE", "/v1/calls/{call}/leave", null),
                new Case("POST", "/v1/calls/{call}/decline", Map.of()),
                new Case("PUT", "/v1/admin/users/{owner}/status", Map.of("status", "suspended", "reason", "pwned")),
                new Case("GET", "/v1/admin/api-keys/{key}", null),
                new Case("DELETE", "/v1/admin/api-keys/{key}", null),
                new Case("POST", "/v1/admin/dead-letters/{topic}/replay", null));
    }

    /** What the owner sees of their things; an attacker's refused requests must leave every byte of it alone. */
    private static final List<String> OWNERS_VIEW = List.of(
            "/v1/organizations/{org}",
            "/v1/organizations/{org}/members",
            "/v1/channels/{channel}",
            "/v1/channels/{channel}/members",
            "/v1/channels/{channel}/permissions",
            "/v1/channels/{channel}/messages",
            "/v1/messages/{message}",
            "/v1/messages/{message}/thread",
            "/v1/dm/conversations/{dm}/messages",
            "/v1/files/{file}",
            "/v1/files/uploads/{upload}",
            "/v1/users/{owner}/profile",
            "/v1/admin/api-keys/{key}");

    @Nested
    @Order(1)
    class Api1ObjectLevelAuthorization {

        @Test
        void everyIdTakingEndpointIsCoveredHere() throws IOException {
            Set<String> covered = new TreeSet<>();
            objectCases().forEach(c -> covered.add(c.endpoint()));
            Set<String> idTaking = new TreeSet<>();
            for (String endpoint : controllerEndpoints()) {
                if (endpoint.contains("{}")) {
                    idTaking.add(endpoint);
                }
            }
            assertThat(idTaking).as("the controllers' id-taking endpoints").hasSizeGreaterThan(40);
            assertThat(covered)
                    .as("every id-taking endpoint has an outsider's case here")
                    .containsAll(idTaking);
        }

        @Test
        void anOutsidersTokenGetsNotFoundOrForbiddenEverywhereAndChangesNothing() throws Exception {
            Map<String, String> before = ownersView();
            List<String> wrong = new ArrayList<>();
            for (Case attack : objectCases()) {
                Answer answer = attack(outsider, attack);
                if (answer.status() != 404 && answer.status() != 403) {
                    wrong.add(attack.endpoint() + " -> " + answer);
                }
                assertEnvelope(answer);
            }
            assertThat(wrong).as("answers other than 403/404 to an outsider").isEmpty();
            assertThat(ownersView()).as("nothing changed").isEqualTo(before);
        }

        @Test
        void aMemberOfTheOrganizationStillCannotReachAPrivateChannelOrSomeoneElsesThings() throws Exception {
            Map<String, String> before = ownersView();
            List<Case> attacks = List.of(
                    new Case("GET", "/v1/channels/{channel}/messages", null),
                    new Case("POST", "/v1/channels/{channel}/messages", Map.of("content", "pwned")),
                    new Case("GET", "/v1/messages/{message}", null),
                    new Case("PUT", "/v1/messages/{message}", Map.of("content", "pwned")),
                    new Case("DELETE", "/v1/messages/{message}", null),
                    new Case("GET", "/v1/files/{file}/download", null),
                    new Case("DELETE", "/v1/files/{file}", null),
                    new Case("GET", "/v1/files/uploads/{upload}", null),
                    new Case("PUT", "/v1/users/{owner}", Map.of("display_name", "pwned")),
                    new Case("PUT", "/v1/users/{owner}/presence", Map.of("status", "dnd")),
                    new Case("PUT", "/v1/organizations/{org}", Map.of("name", "pwned")),
                    new Case("DELETE", "/v1/organizations/{org}", null),
                    new Case(
                            "POST",
                            "/v1/organizations/{org}/members",
                            Map.of("user_id", "{outsider}", "role", "member")));
            for (Case attack : attacks) {
                Answer answer = attack(member, attack);
                assertThat(answer.status())
                        .as(attack.endpoint() + " by a member: " + answer)
                        .isIn(403, 404);
            }
            assertThat(ownersView()).as("nothing changed").isEqualTo(before);
        }

        @Test
        void socketsToAChannelOrConversationOfOthersAreRefusedBeforeTheUpgrade() throws Exception {
            for (String path : List.of("/v1/ws/channels/{channel}", "/v1/ws/dm/{dm}", "/v1/ws/voice/{channel}")) {
                URI uri = URI.create(GATEWAY.replace("http", "ws") + fill(path) + "?token=" + outsider.token());
                try {
                    RecordingWebSocket socket = RecordingWebSocket.connect(SystemStack.HTTP, uri);
                    socket.abort();
                    throw new AssertionError(path + " was upgraded for an outsider");
                } catch (ExecutionException | CompletionException refused) {
                    assertThat(refused.getCause()).as(path).isInstanceOf(WebSocketHandshakeException.class);
                    assertThat(((WebSocketHandshakeException) refused.getCause())
                                    .getResponse()
                                    .statusCode())
                            .as(path)
                            .isEqualTo(404);
                }
            }
        }
    }

    // --- API2: broken authentication ---------------------------------------------------------------------------

    private static final List<String> AUTHENTICATED_ROUTES = List.of(
            "/v1/auth/me",
            "/v1/users",
            "/v1/organizations",
            "/v1/channels",
            "/v1/dm/conversations",
            "/v1/me/unread",
            "/v1/files",
            "/v1/calls",
            "/v1/admin/stats");

    @Nested
    @Order(2)
    class Api2Authentication {

        @Test
        void forgedForeignAndMisusedTokensAreRefusedOnEveryService() throws Exception {
            Person victim = person("api2");
            KeycloakTestClient keycloak = new KeycloakTestClient(SystemStack.keycloak());
            KeycloakTestClient.Tokens direct = keycloak.login(victim.username(), PASSWORD);
            String valid = direct.accessToken();
            String jwks = SystemStack.keycloak().issuer() + "/protocol/openid-connect/certs";

            Map<String, String> refused = new LinkedHashMap<>();
            refused.put("alg none", ForgedTokens.unsigned(valid));
            refused.put(
                    "HS256 keyed with the realm's public key",
                    ForgedTokens.hs256WithPublicKey(valid, ForgedTokens.publicKeyFor(valid, jwks)));
            refused.put("signed by a foreign key under the realm's kid", signedByAForeignKey(valid));
            refused.put("tampered payload", ForgedTokens.tampered(valid));
            refused.put("another issuer (Keycloak's master realm)", masterRealmToken());
            refused.put(
                    "another audience (the realm's admin-cli)",
                    keycloak.loginWithClient("admin-cli", victim.username(), PASSWORD)
                            .accessToken());
            refused.put("a refresh token", direct.refreshToken());
            refused.put("an ID token", direct.raw().get("id_token").asString());
            refused.put("garbage", "not-a-jwt");

            for (String route : AUTHENTICATED_ROUTES) {
                Answer genuine = call("GET", route, valid, null, victim.client());
                assertThat(genuine.status())
                        .as("the genuine token on " + route + ": " + genuine)
                        .isNotIn(401, 500, 502, 503, 504);
            }
            List<String> wrong = new ArrayList<>();
            for (var token : refused.entrySet()) {
                for (String route : AUTHENTICATED_ROUTES) {
                    Answer answer = send("GET", route, token.getValue(), null, victim.client(), Map.of());
                    if (answer.status() != 401 || !"UNAUTHORIZED".equals(answer.code())) {
                        wrong.add(token.getKey() + " on " + route + " -> " + answer);
                    }
                }
            }
            assertThat(wrong).isEmpty();
        }

        @Test
        void aSessionEndsEverywhereAtLogoutAndExpiredTokensAreRefused() throws Exception {
            Person leaving = person("api2-logout");
            Answer loggedOut = call("POST", "/v1/auth/logout", leaving, Map.of());
            assertThat(loggedOut.status()).as(loggedOut.toString()).isEqualTo(204);
            for (String route : AUTHENTICATED_ROUTES) {
                Answer answer = retry(401, () -> call("GET", route, leaving, null));
                assertThat(answer.status())
                        .as("a logged-out session on " + route)
                        .isEqualTo(401);
            }

            KeycloakTestClient keycloak = new KeycloakTestClient(SystemStack.keycloak());
            keycloak.ensurePublicClient("security-it-short-lived", 2);
            String shortLived = keycloak.loginWithClient("security-it-short-lived", leaving.username(), PASSWORD)
                    .accessToken();
            Answer expired = null;
            // Its two seconds, plus the 30 s the services allow for clock skew.
            for (int attempt = 0; attempt < 90; attempt++) {
                expired = send("GET", "/v1/users", shortLived, null, leaving.client(), Map.of());
                if (expired.status() == 401) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertThat(expired.status()).as("an expired token: " + expired).isEqualTo(401);
            assertThat(expired.code()).isEqualTo("UNAUTHORIZED");
        }
    }

    // --- API3: broken object property level authorization ------------------------------------------------------

    @Nested
    @Order(3)
    class Api3PropertyLevelAuthorization {

        @Test
        void fieldsAClientMayNotSetAreRefusedOrIgnoredOnEveryCreateAndUpdate() throws Exception {
            String forcedId = UUID.randomUUID().toString();
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String client = nextAddress();

            String username = "mass-" + suffix;
            Answer registered = call(
                    "POST",
                    "/v1/auth/register",
                    null,
                    mapOf(
                            "username",
                            username,
                            "email",
                            username + "@example.org",
                            "password",
                            PASSWORD,
                            "id",
                            forcedId,
                            "roles",
                            List.of("admin"),
                            "email_verified",
                            true),
                    client);
            if (registered.status() == 201) {
                assertThat(registered.data().get("id").asString()).isNotEqualTo(forcedId);
                assertThat(registered.data().get("roles").toString()).isEqualTo("[\"user\"]");
                assertThat(registered.data().get("email_verified").asBoolean()).isFalse();
            } else {
                assertThat(registered.status()).as(registered.toString()).isEqualTo(400);
            }

            Answer me = call("PUT", "/v1/auth/me", member, mapOf("display_name", "Mel", "roles", List.of("admin")));
            assertRefusedOrIgnored(
                    me,
                    () -> call("GET", "/v1/auth/me", member, null)
                            .data()
                            .get("roles")
                            .toString()
                            .equals("[\"user\"]"));

            Answer self = call(
                    "PUT",
                    "/v1/users/" + member.id(),
                    member,
                    mapOf("display_name", "Mel", "status", "active", "roles", List.of("admin"), "username", "root"));
            assertThat(self.status())
                    .as("status is for administrators: " + self)
                    .isIn(400, 403);

            Answer org = call(
                    "POST",
                    "/v1/organizations",
                    member,
                    mapOf("name", "Mass " + suffix, "slug", "mass-" + suffix, "id", forcedId, "owner_id", owner.id()));
            assertRefusedOrIgnored(
                    org,
                    () -> !org.data().get("id").asString().equals(forcedId)
                            && org.data().get("owner_id").asString().equals(member.id()));

            Answer channel = call(
                    "POST",
                    "/v1/channels",
                    owner,
                    mapOf(
                            "organization_id",
                            IDS.get("org"),
                            "name",
                            "mass-" + suffix,
                            "type",
                            "public",
                            "id",
                            forcedId,
                            "created_by",
                            member.id(),
                            "archived",
                            true,
                            "member_count",
                            1000));
            assertRefusedOrIgnored(
                    channel,
                    () -> !channel.data().get("id").asString().equals(forcedId)
                            && channel.data().get("created_by").asString().equals(owner.id())
                            && !channel.data().get("archived").asBoolean());

            Answer message = call(
                    "POST",
                    "/v1/channels/" + IDS.get("general") + "/messages",
                    owner,
                    mapOf(
                            "content",
                            "hello",
                            "id",
                            forcedId,
                            "author_id",
                            member.id(),
                            "seq",
                            424242,
                            "created_at",
                            "2001-01-01T00:00:00Z"));
            assertRefusedOrIgnored(
                    message,
                    () -> !message.data().get("id").asString().equals(forcedId)
                            && message.data().get("author_id").asString().equals(owner.id())
                            && message.data().get("seq").asLong() != 424242);

            Answer edit = call(
                    "PUT",
                    "/v1/messages/" + IDS.get("reply"),
                    owner,
                    mapOf("content", "re (edited)", "author_id", member.id(), "conversation_id", IDS.get("general")));
            assertRefusedOrIgnored(edit, () -> {
                JsonNode now = call("GET", "/v1/messages/" + IDS.get("reply"), owner, null)
                        .data();
                return now.get("author_id").asString().equals(owner.id())
                        && now.get("conversation_id").asString().equals(IDS.get("channel"));
            });
        }

        @Test
        void nobodyElseSeesAUsersEmailAddress() throws Exception {
            List<String> reads = List.of(
                    "/v1/users/" + owner.id(),
                    "/v1/users/" + owner.id() + "/profile",
                    "/v1/users?q=" + owner.username(),
                    "/v1/organizations/" + IDS.get("org") + "/members",
                    "/v1/organizations/" + IDS.get("org") + "/members/" + owner.id(),
                    "/v1/channels/" + IDS.get("general") + "/members",
                    "/v1/channels/" + IDS.get("general") + "/messages",
                    "/v1/dm/conversations/" + IDS.get("dm"),
                    "/v1/calls/" + IDS.get("call"));
            for (String path : reads) {
                Answer answer = call("GET", path, member, null);
                assertThat(answer.status()).as(path + ": " + answer).isEqualTo(200);
                assertThat(answer.body()).as(path).doesNotContain(owner.email());
            }
            assertThat(call("GET", "/v1/auth/me", owner, null).body())
                    .as("the owner's own account shows it")
                    .contains(owner.email());
        }
    }

    // --- API4: unrestricted resource consumption ---------------------------------------------------------------

    @Nested
    @Order(4)
    class Api4ResourceConsumption {

        @Test
        void pagesAreBoundedEverywhere() throws Exception {
            List<String> lists = List.of(
                    "/v1/users",
                    "/v1/organizations",
                    "/v1/organizations/{org}/members",
                    "/v1/channels",
                    "/v1/channels/{general}/members",
                    "/v1/dm/conversations",
                    "/v1/files",
                    "/v1/calls");
            for (String list : lists) {
                for (String query : List.of("per_page=101", "per_page=0", "page=101&per_page=100", "page=-1")) {
                    Answer answer = call("GET", fill(list) + "?" + query, owner, null);
                    assertThat(answer.status())
                            .as(list + "?" + query + ": " + answer)
                            .isEqualTo(400);
                    assertThat(answer.code()).isEqualTo("VALIDATION_ERROR");
                }
            }
            for (String query : List.of("limit=101", "limit=0")) {
                Answer answer = call("GET", fill("/v1/channels/{general}/messages") + "?" + query, owner, null);
                assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            }
        }

        @Test
        void bodiesMessagesAndFramesAreBounded() throws Exception {
            Answer huge = call(
                    "POST",
                    fill("/v1/channels/{general}/messages"),
                    owner,
                    Map.of("content", "x".repeat(2 * 1024 * 1024)));
            assertThat(huge.status()).as("a 2 MB JSON body: " + huge.status()).isEqualTo(413);
            assertThat(huge.code()).isEqualTo("PAYLOAD_TOO_LARGE");

            Answer long_ =
                    call("POST", fill("/v1/channels/{general}/messages"), owner, Map.of("content", "x".repeat(4001)));
            assertThat(long_.status()).as("above messages.max_length: " + long_).isIn(400, 422);

            URI connect = URI.create(GATEWAY.replace("http", "ws") + "/v1/ws/connect?token=" + owner.token());
            RecordingWebSocket socket = RecordingWebSocket.connect(SystemStack.HTTP, connect);
            socket.send("{\"type\":\"typing\",\"channel_id\":\"" + "x".repeat(20 * 1024) + "\"}");
            // messaging-service closes with 1009; the gateway's proxy does not relay a downstream close code (a known
            // Spring Cloud Gateway limitation), so the client may see 1005. Either way the frame is refused and the
            // socket ends.
            assertThat(socket.closeCode(Duration.ofSeconds(20)))
                    .as("a 20 KB frame (messaging-service takes 16 KB)")
                    .isIn(1005, 1009);
            // Larger than the gateway's own frame limit (64 KB): the gateway ends the connection itself.
            RecordingWebSocket flooded = RecordingWebSocket.connect(SystemStack.HTTP, connect);
            try {
                flooded.send("{\"type\":\"typing\",\"channel_id\":\"" + "x".repeat(200 * 1024) + "\"}");
            } catch (ExecutionException | IOException closedWhileSending) {
                return;
            }
            assertThat(flooded.closeCode(Duration.ofSeconds(20)))
                    .as("a 200 KB frame")
                    .isIn(1005, 1006, 1009);
        }

        @Test
        void reactionsPerMessageAndParticipantsPerConversationAreCapped() throws Exception {
            String target =
                    created(call("POST", fill("/v1/channels/{general}/messages"), owner, Map.of("content", "react")));
            for (int i = 0; i < 50; i++) {
                String emoji = new String(Character.toChars(0x1F600 + i));
                Answer added = call("POST", "/v1/messages/" + target + "/reactions", owner, Map.of("emoji", emoji));
                assertThat(added.status()).as(emoji + ": " + added).isBetween(200, 201);
            }
            Answer fiftyFirst = call(
                    "POST",
                    "/v1/messages/" + target + "/reactions",
                    owner,
                    Map.of("emoji", new String(Character.toChars(0x1F600 + 50))));
            assertThat(fiftyFirst.status()).as(fiftyFirst.toString()).isEqualTo(422);
            assertThat(fiftyFirst.reason()).isEqualTo("too_many_emoji");

            List<String> crowd = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                crowd.add(UUID.randomUUID().toString());
            }
            Answer group = call("POST", "/v1/dm/conversations", owner, Map.of("participant_ids", crowd));
            assertThat(group.status()).as(group.toString()).isEqualTo(400);
        }

        @Test
        void uploadsAboveTheAdministratorsLimitAreRefused() throws Exception {
            Settings settings = Settings.read();
            try {
                settings.change("files", "max_upload_bytes", 1024);
                Answer refused = retry(413, () -> upload("/v1/files", member, "big.bin", new byte[2048]));
                assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
                assertThat(refused.code()).isEqualTo("PAYLOAD_TOO_LARGE");
            } finally {
                settings.restore();
            }
            assertThat(retry(201, () -> upload("/v1/files", member, "big.bin", new byte[2048]))
                            .status())
                    .isEqualTo(201);
        }
    }

    // --- API5: broken function level authorization -------------------------------------------------------------

    static List<Case> adminCases() {
        return List.of(
                new Case("GET", "/v1/admin/stats", null),
                new Case("GET", "/v1/admin/users", null),
                new Case("PUT", "/v1/admin/users/{owner}/status", Map.of("status", "suspended", "reason", "pwned")),
                new Case("GET", "/v1/admin/audit-logs", null),
                new Case("GET", "/v1/admin/audit-logs/verify", null),
                new Case("GET", "/v1/admin/audit-logs/export", null),
                new Case("GET", "/v1/admin/settings", null),
                new Case("PUT", "/v1/admin/settings", Map.of()),
                new Case("GET", "/v1/admin/health", null),
                new Case("POST", "/v1/admin/api-keys", Map.of("name", "mine", "scopes", List.of("channels:read"))),
                new Case("GET", "/v1/admin/api-keys", null),
                new Case("GET", "/v1/admin/api-keys/{key}", null),
                new Case("DELETE", "/v1/admin/api-keys/{key}", null),
                new Case("POST", "/v1/admin/dead-letters/{topic}/replay", null));
    }

    @Nested
    @Order(5)
    class Api5FunctionLevelAuthorization {

        @Test
        void everyAdministrationRouteIsForbiddenToAMember() throws Exception {
            Set<String> covered = new TreeSet<>();
            adminCases().forEach(c -> covered.add(c.endpoint()));
            Set<String> adminEndpoints = new TreeSet<>();
            controllerEndpoints().stream()
                    .filter(e -> e.contains(" /v1/admin/"))
                    .forEach(adminEndpoints::add);
            assertThat(covered).as("every administration endpoint has its case").containsAll(adminEndpoints);

            for (Case attempt : adminCases()) {
                Answer answer = attack(member, attempt);
                assertThat(answer.status())
                        .as(attempt.endpoint() + ": " + answer)
                        .isEqualTo(403);
                assertThat(answer.code()).isEqualTo("FORBIDDEN");
            }
            assertThat(call("DELETE", "/v1/users/" + owner.id(), member, null).status())
                    .as("deleting another user is for administrators")
                    .isIn(403, 404);
            assertThat(call("GET", "/v1/users/" + owner.id(), member, null).status())
                    .as("and the owner is still there")
                    .isEqualTo(200);
        }

        @Test
        void internalRoutesAreNotReachableThroughTheGatewayWithAnyToken() throws Exception {
            List<String> internal = List.of(
                    "/internal/organizations/{org}/members/{member}",
                    "/internal/channels/{channel}/access/{member}",
                    "/internal/conversations/{dm}/access/{member}",
                    "/internal/files/{file}/access/{member}",
                    "/internal/api-keys/0000",
                    "/v1/../internal/organizations/{org}/members/{member}",
                    "/v1/%2e%2e/internal/channels/{channel}/access/{member}");
            for (Person caller : List.of(member, admin)) {
                for (String path : internal) {
                    Answer answer = call("GET", fill(path), caller, null);
                    assertThat(answer.status()).as(path + ": " + answer).isIn(400, 404);
                    assertEnvelope(answer);
                }
            }
            Answer put = call("PUT", fill("/internal/users/{owner}/status"), admin, Map.of("status", "suspended"));
            assertThat(put.status()).as(put.toString()).isIn(400, 404);
            assertThat(call("GET", "/v1/users/" + owner.id(), admin, null)
                            .data()
                            .get("status")
                            .asString())
                    .isEqualTo("active");
        }
    }

    // --- API6: unrestricted access to sensitive business flows -------------------------------------------------

    @Nested
    @Order(6)
    class Api6BusinessFlows {

        @Test
        void oneAddressRegistersAtMostFiveAccountsAMinute() throws Exception {
            String client = nextAddress();
            List<Integer> statuses = new ArrayList<>();
            Answer last = null;
            for (int i = 0; i < 6; i++) {
                String username = "spam-" + UUID.randomUUID().toString().substring(0, 8);
                last = call(
                        "POST",
                        "/v1/auth/register",
                        null,
                        Map.of("username", username, "email", username + "@example.org", "password", PASSWORD),
                        client);
                statuses.add(last.status());
            }
            assertThat(statuses).containsExactly(201, 201, 201, 201, 201, 429);
            assertThat(last.code()).isEqualTo("RATE_LIMITED");
            assertThat(last.headers().firstValue("Retry-After")).isPresent();
            String username = "spam-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(call(
                                    "POST",
                                    "/v1/auth/register",
                                    null,
                                    Map.of(
                                            "username",
                                            username,
                                            "email",
                                            username + "@example.org",
                                            "password",
                                            PASSWORD),
                                    nextAddress())
                            .status())
                    .as("another address is not slowed")
                    .isEqualTo(201);
        }

        @Test
        void invitationsAndMessagesAreLimitedPerUser() throws Exception {
            Settings settings = Settings.read();
            Person spammer = person("spammer");
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String org = created(retry(
                    201,
                    () -> call(
                            "POST",
                            "/v1/organizations",
                            spammer,
                            Map.of("name", "Spam " + suffix, "slug", "spam-" + suffix))));
            try {
                settings.change("rate_limits", "api", Map.of("limit", 20, "period_seconds", 3600));
                Answer refused = null;
                int accepted = 0;
                // Calls made before the gateway applied the new limit count for nothing: a changed limit starts fresh
                // buckets. So the flood runs until refused, up to far more than the limit.
                for (int i = 0; i < 200 && refused == null; i++) {
                    Answer invite = call(
                            "POST",
                            "/v1/organizations/" + org + "/members",
                            spammer,
                            Map.of("user_id", UUID.randomUUID().toString(), "role", "member"));
                    if (invite.status() == 429) {
                        refused = invite;
                    } else {
                        accepted++;
                    }
                }
                assertThat(refused)
                        .as("invitations past the per-user limit (" + accepted + " taken)")
                        .isNotNull();
                assertThat(refused.code()).isEqualTo("RATE_LIMITED");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(call("GET", "/v1/users/" + owner.id(), member, null).status())
                        .as("other users keep their own allowance")
                        .isEqualTo(200);
            } finally {
                settings.restore();
            }
        }
    }

    // --- API7: server side request forgery ---------------------------------------------------------------------

    @Nested
    @Order(7)
    class Api7ServerSideRequestForgery {

        @Test
        void urlFieldsTakeOnlyWebAddressesAndTheServerNeverFetchesThem() throws Exception {
            for (String url : List.of(
                    "javascript:alert(1)",
                    "file:///etc/passwd",
                    "data:text/html,<script>alert(1)</script>",
                    "gopher://127.0.0.1:6379/_FLUSHALL",
                    "ftp://127.0.0.1/",
                    "//127.0.0.1/x")) {
                Answer answer = call("PUT", "/v1/users/" + member.id(), member, Map.of("avatar_url", url));
                assertThat(answer.status()).as(url + ": " + answer).isEqualTo(400);
            }

            AtomicInteger fetched = new AtomicInteger();
            HttpServer trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            trap.createContext("/", exchange -> {
                fetched.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            trap.start();
            try {
                String internal = "http://127.0.0.1:" + trap.getAddress().getPort() + "/avatar.png";
                Answer stored = call("PUT", "/v1/users/" + member.id(), member, Map.of("avatar_url", internal));
                assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
                for (Person reader : List.of(member, owner, admin)) {
                    assertThat(call("GET", "/v1/users/" + member.id(), reader, null)
                                    .body())
                            .contains(internal);
                }
                call("GET", "/v1/users?q=" + member.username(), owner, null);
                call("GET", "/v1/organizations/" + IDS.get("org") + "/members", owner, null);
                // An address is only ever handed to clients: give the stack time to have fetched it if it would.
                Thread.sleep(2000);
                assertThat(fetched.get())
                        .as("requests the stack sent to the avatar URL")
                        .isZero();
            } finally {
                trap.stop(0);
            }
        }

        @Test
        void linksInAnswersAndMailsUseTheConfiguredPublicUrlWhateverTheRequestClaims() throws Exception {
            Map<String, String> spoofed = Map.of(
                    "X-Forwarded-Host", "evil.example",
                    "X-Forwarded-Proto", "https",
                    "Forwarded", "host=evil.example;proto=https");
            Answer shared = send(
                    "POST",
                    fill("/v1/files/{file}/share"),
                    owner.token(),
                    Map.of("expires_in", 600),
                    owner.client(),
                    spoofed);
            assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
            assertThat(shared.data().get("url").asString()).startsWith(GATEWAY + "/v1/files/shared/");

            Answer forgot = send(
                    "POST", "/v1/auth/forgot-password", null, Map.of("email", member.email()), nextAddress(), spoofed);
            assertThat(forgot.status()).isEqualTo(202);
            String mail = awaitMail(member.email(), "Reset");
            assertThat(mail).doesNotContain("evil.example").contains(GATEWAY);
        }
    }

    // --- API8: security misconfiguration -----------------------------------------------------------------------

    @Nested
    @Order(8)
    class Api8SecurityMisconfiguration {

        @Test
        void theGatewayServesNoActuatorAndNoForeignOrigin() throws Exception {
            for (String path : List.of(
                    "/actuator",
                    "/actuator/prometheus",
                    "/actuator/health",
                    "/actuator/env",
                    "/actuator/gateway/routes")) {
                Answer anonymous = send("GET", path, null, null, nextAddress(), Map.of());
                Answer signedIn = call("GET", path, admin, null);
                assertThat(anonymous.status()).as(path + " anonymously").isIn(401, 404);
                assertThat(signedIn.status())
                        .as(path + " with an administrator's token")
                        .isEqualTo(404);
                assertThat(signedIn.body()).doesNotContain("-service", "lb://");
            }

            Answer preflight = send(
                    "OPTIONS",
                    "/v1/channels",
                    null,
                    null,
                    owner.client(),
                    Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .as("a foreign origin's preflight: " + preflight)
                    .isEmpty();
            Answer crossOrigin = send(
                    "GET",
                    "/v1/channels",
                    owner.token(),
                    null,
                    owner.client(),
                    Map.of("Origin", "https://evil.example"));
            assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin"))
                    .isEmpty();
            assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Credentials"))
                    .isEmpty();
        }

        @Test
        void everyAnswerCarriesTheSecurityHeadersAndNoErrorQuotesInternals() throws Exception {
            List<Answer> answers = new ArrayList<>();
            answers.add(call("GET", "/v1/channels", owner, null));
            answers.add(call("GET", "/v1/nowhere", owner, null));
            answers.add(send("GET", "/v1/channels", null, null, owner.client(), Map.of()));
            answers.add(call("POST", "/v1/organizations", owner, "{\"name\": "));
            answers.add(call("POST", "/v1/channels", owner, "[1,2,3]"));
            answers.add(call(
                    "POST",
                    "/v1/channels",
                    owner,
                    Map.of("organization_id", "not-a-uuid", "name", "x", "type", "public")));
            answers.add(call("GET", "/v1/messages/not-a-uuid", owner, null));
            answers.add(call("GET", "/v1/users/" + UUID.randomUUID() + "?page=x", owner, null));
            answers.add(call("POST", "/v1/calls", owner, Map.of("type", "hologram")));
            answers.add(call("PATCH", "/v1/users/" + owner.id(), owner, Map.of()));
            answers.add(send(
                    "POST", "/v1/auth/login", null, "{\"username\": 1, \"password\": []}", nextAddress(), Map.of()));
            answers.add(send(
                    "DELETE",
                    "/v1/files/" + UUID.randomUUID(),
                    owner.token(),
                    null,
                    owner.client(),
                    Map.of("Content-Type", "text/xml")));
            for (Answer answer : answers) {
                for (var header : SecurityHeaders.ALL.entrySet()) {
                    assertThat(answer.headers().firstValue(header.getKey()))
                            .as(header.getKey() + " on " + answer)
                            .hasValue(header.getValue());
                }
                if (answer.status() >= 400) {
                    assertEnvelope(answer);
                    assertThat(answer.status()).as(answer.toString()).isLessThan(500);
                }
            }
            HttpResponse<String> trace = SystemStack.HTTP.send(
                    HttpRequest.newBuilder(URI.create(GATEWAY + "/v1/channels"))
                            .method("TRACE", HttpRequest.BodyPublishers.noBody())
                            .header("Authorization", "Bearer " + owner.token())
                            .header("X-Forwarded-For", owner.client())
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(trace.statusCode()).as("TRACE").isIn(400, 403, 405);
            assertThat(trace.body()).doesNotContain(owner.token());
        }
    }

    // --- API9: improper inventory management -------------------------------------------------------------------

    @Nested
    @Order(9)
    class Api9Inventory {

        @Test
        void everyEndpointTheServicesServeIsDocumented() throws IOException {
            // A doc names an endpoint as `METHOD /v1/path`, or several methods at once: `GET/PUT/DELETE /v1/path`.
            Pattern named = Pattern.compile(
                    "\\b((?:GET|POST|PUT|PATCH|DELETE)(?:/(?:GET|POST|PUT|PATCH|DELETE))*) (/v1/[^\\s`|?]*)");
            Set<String> documented = new TreeSet<>();
            try (Stream<Path> files = Files.list(SystemStack.ROOT.resolve("docs"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                    Matcher endpoint = named.matcher(Files.readString(file));
                    while (endpoint.find()) {
                        String path = PLACEHOLDER.matcher(endpoint.group(2)).replaceAll("{}");
                        for (String method : endpoint.group(1).split("/")) {
                            documented.add(method + " " + path);
                        }
                    }
                }
            }
            List<String> undocumented = controllerEndpoints().stream()
                    .filter(endpoint -> !documented.contains(endpoint))
                    .toList();
            assertThat(undocumented)
                    .as("endpoints no doc names as `METHOD /path`")
                    .isEmpty();
        }

        @Test
        void pathsOutsideTheRoutesAndOtherVersionsAreTheNotFoundEnvelope() throws Exception {
            for (String path : List.of(
                    "/v2/channels",
                    "/v0/users",
                    "/channels",
                    "/v1/internal",
                    "/v1/admin-service/health",
                    "/eureka/apps")) {
                Answer answer = call("GET", path, admin, null);
                assertThat(answer.status()).as(path + ": " + answer).isIn(400, 404);
                assertEnvelope(answer);
            }
        }
    }

    // --- API10: unsafe consumption of APIs -----------------------------------------------------------------------

    @Nested
    @Order(10)
    class Api10UnsafeConsumption {

        @Test
        void aStalledKeycloakIsA503AndSignedInUsersCarryOn() throws Exception {
            Person later = person("api10");
            long keycloak = SystemStack.pid("keycloak");
            signal("STOP", keycloak);
            try {
                Answer login = send(
                        "POST",
                        "/v1/auth/login",
                        null,
                        Map.of("username", later.username(), "password", PASSWORD),
                        nextAddress(),
                        Map.of());
                assertThat(login.status())
                        .as("a login while Keycloak is stalled: " + login)
                        .isEqualTo(503);
                assertThat(login.headers().firstValue("Retry-After")).isPresent();
                assertThat(call("GET", "/v1/channels", later, null).status())
                        .as("tokens already issued are checked with the cached keys")
                        .isEqualTo(200);
            } finally {
                signal("CONT", keycloak);
            }
            assertThat(retry(
                                    200,
                                    () -> send(
                                            "POST",
                                            "/v1/auth/login",
                                            null,
                                            Map.of("username", later.username(), "password", PASSWORD),
                                            nextAddress(),
                                            Map.of()))
                            .status())
                    .as("logins work again once Keycloak is back")
                    .isEqualTo(200);
        }

        @Test
        void aStalledObjectStoreIsA503() throws Exception {
            long s3 = SystemStack.pid("s3");
            signal("STOP", s3);
            try {
                Answer upload = upload("/v1/files", owner, "during-outage.txt", "x".getBytes(StandardCharsets.UTF_8));
                assertThat(upload.status())
                        .as("an upload while S3 is stalled: " + upload)
                        .isEqualTo(503);
                assertThat(upload.headers().firstValue("Retry-After")).isPresent();
                assertThat(call("GET", fill("/v1/files/{file}"), owner, null).status())
                        .as("metadata does not need S3")
                        .isEqualTo(200);
            } finally {
                signal("CONT", s3);
            }
            assertThat(retry(201, () -> upload("/v1/files", owner, "after.txt", "x".getBytes(StandardCharsets.UTF_8)))
                            .status())
                    .isEqualTo(201);
        }
    }

    // --- plumbing --------------------------------------------------------------------------------------------------

    /** The administrators' settings, changed and put back through {@code /v1/admin/settings}. */
    private record Settings(JsonNode original) {

        static Settings read() throws Exception {
            Answer read = call("GET", "/v1/admin/settings", admin, null);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            return new Settings(read.data());
        }

        void change(String section, String field, Object value) throws Exception {
            tools.jackson.databind.node.ObjectNode changed =
                    (tools.jackson.databind.node.ObjectNode) current().deepCopy();
            ((tools.jackson.databind.node.ObjectNode) changed.get(section))
                    .set(field, SystemStack.JSON.valueToTree(value));
            put(changed);
        }

        void restore() throws Exception {
            tools.jackson.databind.node.ObjectNode back = (tools.jackson.databind.node.ObjectNode) original.deepCopy();
            put(back);
        }

        private static JsonNode current() throws Exception {
            return call("GET", "/v1/admin/settings", admin, null).data();
        }

        private static void put(JsonNode settings) throws Exception {
            long version = current().get("version").asLong();
            Answer saved = send(
                    "PUT",
                    "/v1/admin/settings",
                    admin.token(),
                    settings.toString(),
                    admin.client(),
                    Map.of("If-Match", "\"" + version + "\""));
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            // The services follow the settings topic within a few seconds.
            Thread.sleep(3000);
        }
    }

    private static Answer attack(Person attacker, Case attack) throws Exception {
        String path = fill(attack.path());
        Object body = attack.body() instanceof Map<?, ?> map ? fillBody(map) : attack.body();
        return call(attack.method(), path, attacker, body);
    }

    private static Map<String, String> ownersView() throws Exception {
        Map<String, String> view = new LinkedHashMap<>();
        for (String path : OWNERS_VIEW) {
            Person reader = path.startsWith("/v1/admin") ? admin : owner;
            Answer answer = call("GET", fill(path), reader, null);
            assertThat(answer.status()).as(path + ": " + answer).isEqualTo(200);
            view.put(path, answer.data().toString());
        }
        return view;
    }

    private static void assertEnvelope(Answer answer) {
        JsonNode json = answer.json();
        assertThat(json).as("an envelope: " + answer).isNotNull();
        if (answer.status() >= 400) {
            assertThat(json.get("success").asBoolean()).as(answer.toString()).isFalse();
            assertThat(json.get("error").get("code").asString()).isNotBlank();
            assertThat(answer.body()).as("no internals in " + answer).doesNotContain(LEAKS.toArray(String[]::new));
        }
    }

    /** Every {@code METHOD /v1/path} the services' controllers map, placeholders as {@code {}}. */
    static Set<String> controllerEndpoints() throws IOException {
        Pattern classMapping = Pattern.compile("@RequestMapping\\(\"([^\"]*)\"\\)");
        Pattern methodMapping = Pattern.compile("@(Get|Post|Put|Delete|Patch)Mapping(?:\\(([^)]*)\\))?");
        Set<String> endpoints = new LinkedHashSet<>();
        List<Path> controllers;
        try (Stream<Path> files = Files.walk(SystemStack.ROOT, 12)) {
            controllers = files.filter(f -> f.getFileName().toString().endsWith("Controller.java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/target/"))
                    .toList();
        }
        for (Path controller : controllers) {
            String source = Files.readString(controller);
            Matcher declaration =
                    Pattern.compile("(?m)^(?:public |final |abstract )*class ").matcher(source);
            int classAt = declaration.find() ? declaration.start() : source.length();
            Matcher prefixes = classMapping.matcher(source);
            String prefix = prefixes.find() && prefixes.start() < classAt ? prefixes.group(1) : "";
            Matcher methods = methodMapping.matcher(source);
            while (methods.find()) {
                String arguments = methods.group(2);
                String path;
                if (arguments == null || arguments.isBlank()) {
                    path = prefix;
                } else if (arguments.strip().startsWith("\"")) {
                    path = prefix
                            + arguments.strip().substring(1, arguments.strip().indexOf('"', 1));
                } else {
                    continue; // a constant (the share links' public path): not a resource of a signed-in user
                }
                if (path.startsWith("/v1/")) {
                    endpoints.add(methods.group(1).toUpperCase() + " "
                            + PLACEHOLDER.matcher(path).replaceAll("{}"));
                }
            }
        }
        return endpoints;
    }

    private static String fill(String path) {
        String filled = path.replace("{topic}", "plexichat.messages.DLT");
        for (var id : IDS.entrySet()) {
            filled = filled.replace("{" + id.getKey() + "}", id.getValue());
        }
        return filled;
    }

    private static Map<String, Object> fillBody(Map<?, ?> body) {
        Map<String, Object> filled = new LinkedHashMap<>();
        body.forEach((key, value) -> filled.put((String) key, value instanceof String text ? fill(text) : value));
        return filled;
    }

    private static Map<String, Object> mapOf(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Mass assignment: refused outright (400), or accepted with the forbidden fields having had no effect. */
    private static void assertRefusedOrIgnored(Answer answer, Check unaffected) throws Exception {
        if (answer.status() == 400) {
            return;
        }
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
        assertThat(unaffected.holds())
                .as("the fields a client may not set had no effect: " + answer)
                .isTrue();
    }

    private static String created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode data = answer.data();
        // A started call answers with the call and the caller's media session.
        return (data.has("id") ? data : data.get("call")).get("id").asString();
    }

    private interface Attempt {
        Answer attempt() throws Exception;
    }

    /** Until the status comes (events reach the replicas within seconds), at most 20 s; the last answer. */
    private static Answer retry(int status, Attempt attempt) throws Exception {
        Answer last = null;
        for (int i = 0; i < 100; i++) {
            last = attempt.attempt();
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(200);
        }
        return last;
    }

    private static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    /** Registers, follows the mailed link and logs in, as a client does, from an address of its own. */
    private static Person person(String prefix) throws Exception {
        String client = nextAddress();
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@example.org";
        Answer registered = call(
                "POST",
                "/v1/auth/register",
                null,
                Map.of("username", username, "email", email, "password", PASSWORD),
                client);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String mail = awaitMail(email, "Verify");
        Matcher token = VERIFY_TOKEN.matcher(mail);
        assertThat(token.find()).as(mail).isTrue();
        Answer verified = call("POST", "/v1/auth/verify-email", null, Map.of("token", token.group(1)), client);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
        return new Person(
                registered.data().get("id").asString(),
                username,
                email,
                loginToken(username, PASSWORD, client),
                client);
    }

    private static String loginToken(String username, String password, String client) throws Exception {
        Answer login = call("POST", "/v1/auth/login", null, Map.of("username", username, "password", password), client);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.data().get("access_token").asString();
    }

    private static String awaitMail(String address, String subject) throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            List<ReceivedMail> mails = ImapMailbox.read("127.0.0.1", IMAP, address);
            for (ReceivedMail mail : mails.reversed()) {
                if (mail.subject().contains(subject)) {
                    return mail.text();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no mail '" + subject + "' to " + address);
    }

    private static Answer call(String method, String path, Person caller, Object body) throws Exception {
        return send(method, path, caller.token(), body, caller.client(), Map.of());
    }

    private static Answer call(String method, String path, String token, Object body, String client) throws Exception {
        return send(method, path, token, body, client, Map.of());
    }

    private static Answer send(
            String method, String path, String token, Object body, String client, Map<String, String> headers)
            throws Exception {
        HttpRequest.BodyPublisher publisher;
        String contentType = null;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (body instanceof byte[] bytes) {
            publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
            contentType = "application/octet-stream";
        } else if (body instanceof String raw) {
            publisher = HttpRequest.BodyPublishers.ofString(raw);
            contentType = "application/json";
        } else {
            publisher = HttpRequest.BodyPublishers.ofString(SystemStack.JSON.writeValueAsString(body));
            contentType = "application/json";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, publisher)
                .header("X-Forwarded-For", client);
        if (contentType != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = SystemStack.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    private static Answer upload(String path, Person caller, String name, byte[] bytes) throws Exception {
        MultipartBody body = new MultipartBody().file("file", name, "application/octet-stream", bytes);
        HttpResponse<String> response = SystemStack.HTTP.send(
                HttpRequest.newBuilder(URI.create(GATEWAY + path))
                        .timeout(Duration.ofSeconds(90))
                        .header("Authorization", "Bearer " + caller.token())
                        .header("X-Forwarded-For", caller.client())
                        .header("Content-Type", body.contentType())
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Stops or continues a process of the stack (SIGSTOP: a dependency that accepts connections and never answers). */
    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pid)
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
    }

    private static String masterRealmToken() throws Exception {
        var keycloak = SystemStack.keycloak();
        String form = "grant_type=password&client_id=admin-cli&username=" + keycloak.bootstrapAdminUsername()
                + "&password=" + encode(keycloak.bootstrapAdminPassword());
        HttpResponse<String> response = SystemStack.HTTP.send(
                HttpRequest.newBuilder(URI.create(keycloak.url() + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SystemStack.JSON.readTree(response.body()).get("access_token").asString();
    }

    /** The payload of a genuine token, signed by a key of our own under the realm key's id. */
    private static String signedByAForeignKey(String token) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateKey key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        SignedJWT genuine = SignedJWT.parse(token);
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(genuine.getHeader().getKeyID())
                        .build(),
                JWTClaimsSet.parse(genuine.getJWTClaimsSet().toJSONObject()));
        forged.sign(new RSASSASigner(key));
        return forged.serialize();
    }
}
