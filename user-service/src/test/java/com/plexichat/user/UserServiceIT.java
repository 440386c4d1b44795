package com.plexichat.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.SessionRevoked;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import com.plexichat.platform.events.user.ConnectionClosed;
import com.plexichat.platform.events.user.ConnectionOpened;
import com.plexichat.platform.events.user.UserStatusChanged;
import com.plexichat.platform.test.AdministratorSettings;
import com.plexichat.platform.test.ApiClient;
import com.plexichat.platform.test.EventInjector;
import com.plexichat.platform.test.EventProbe;
import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;
import com.plexichat.platform.test.TestTokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Users from auth-service's events, profiles and presence, on real PostgreSQL and Kafka. */
@IntegrationTest
class UserServiceIT extends ServiceContractIT {

    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final EventInjector INJECT = new EventInjector();
    private static final EventProbe EVENTS = new EventProbe(Topics.USERS);
    private static final AdministratorSettings SETTINGS = new AdministratorSettings(INJECT);

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        TOKENS.trustedBy(registry);
    }

    @AfterAll
    static void close() {
        EVENTS.close();
        INJECT.close();
        TOKENS.close();
    }

    record Person(UUID id, String username, String token) {}

    @Test
    void registeredUsersAreListedFoundByPrefixAndAReplayedRegistrationIsAppliedOnce() throws Exception {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 6);
        Person ada = person(prefix + "-ada", "Ada Lovelace");
        String envelope = lastEnvelope;
        Person alan = person(prefix + "-alan", "Alan Turing");
        call("PUT", "/v1/users/" + ada.id(), ada.token(), Map.of("display_name", "Countess"));
        INJECT.send(Topics.USERS, ada.id().toString(), envelope);
        Person someone = person("zz" + prefix, "Someone " + prefix);
        colleagues(ada, alan, someone);
        INJECT.awaitConsumed("user-service.users", Topics.USERS, Duration.ofSeconds(30));
        assertThat(call("GET", "/v1/users/" + ada.id(), ada.token(), null)
                        .data()
                        .get("display_name")
                        .asString())
                .as("the replayed registration changed nothing")
                .isEqualTo("Countess");

        JsonNode page = call("GET", "/v1/users?q=" + prefix + "&per_page=1", ada.token(), null)
                .json();
        assertThat(page.get("data").get(0).get("username").asString()).isEqualTo(ada.username());
        assertThat(page.get("data").get(0).get("display_name").asString()).isEqualTo("Countess");
        assertThat(page.get("pagination").get("total").asLong()).isEqualTo(2);
        assertThat(page.get("pagination").get("has_next").asBoolean()).isTrue();
        JsonNode second = call("GET", "/v1/users?q=" + prefix + "&per_page=1&page=2", ada.token(), null)
                .json();
        assertThat(second.get("data").get(0).get("username").asString()).isEqualTo(alan.username());
        assertThat(second.get("pagination").get("has_next").asBoolean()).isFalse();
        assertThat(call("GET", "/v1/users?q=someone%20" + prefix, ada.token(), null)
                        .json()
                        .get("pagination")
                        .get("total")
                        .asLong())
                .as("display-name prefix, any case")
                .isEqualTo(1);
        assertThat(call("GET", "/v1/users?q=%25", ada.token(), null)
                        .json()
                        .get("pagination")
                        .get("total")
                        .asLong())
                .as("a % is a character, not a wildcard")
                .isZero();

        // the replay is recorded once, and changed nothing
        assertThat(jdbc.queryForObject("select count(*) from app_user where username = ?", Long.class, ada.username()))
                .isEqualTo(1);
        assertThat(call("GET", "/v1/users?per_page=101", ada.token(), null).status())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/users?page=0", ada.token(), null).status()).isEqualTo(400);
        assertThat(call("GET", "/v1/users", null, null).status()).isEqualTo(401);
    }

    @Test
    void emailIsShownOnlyToTheUserAndToAdmins() throws Exception {
        Person grace = person(unique("grace"), "Grace");
        Person other = person(unique("other"), "Other");
        colleagues(grace, other);
        String admin = TOKENS.token(
                UUID.randomUUID(), c -> c.claim("realm_access", Map.of("roles", List.of("user", "admin"))));

        assertThat(call("GET", "/v1/users/" + grace.id(), grace.token(), null)
                        .data()
                        .get("email")
                        .asString())
                .isEqualTo(grace.username() + "@example.org");
        assertThat(call("GET", "/v1/users/" + grace.id(), other.token(), null)
                        .data()
                        .has("email"))
                .isFalse();
        assertThat(call("GET", "/v1/users/" + grace.id() + "/profile", other.token(), null)
                        .data()
                        .has("email"))
                .isFalse();
        assertThat(call("GET", "/v1/users/" + grace.id(), admin, null)
                        .data()
                        .get("email")
                        .asString())
                .isEqualTo(grace.username() + "@example.org");
    }

    @Test
    void onlyTheUserOrAnAdminChangesAUserAndOnlyAnAdminTheStatus() throws Exception {
        Person linus = person(unique("linus"), "Linus");
        Person other = person(unique("other"), "Other");
        colleagues(linus, other);
        String admin = TOKENS.token(
                UUID.randomUUID(), c -> c.claim("realm_access", Map.of("roles", List.of("user", "admin"))));

        ApiClient.Response renamed =
                call("PUT", "/v1/users/" + linus.id(), linus.token(), Map.of("display_name", "Linus T."));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.data().get("display_name").asString()).isEqualTo("Linus T.");
        assertThat(call("PUT", "/v1/users/" + linus.id(), other.token(), Map.of("display_name", "Hacked"))
                        .status())
                .isEqualTo(403);
        assertThat(call("PUT", "/v1/users/" + linus.id(), linus.token(), Map.of("status", "active"))
                        .status())
                .isEqualTo(403);
        ApiClient.Response unknownField =
                call("PUT", "/v1/users/" + linus.id(), linus.token(), Map.of("role", "admin"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("error").get("details").get("field").asString())
                .isEqualTo("role");
        // The status is admin-service's (LocalStackIT suspends through this door): without it, nothing changes.
        ApiClient.Response noOwner = call("PUT", "/v1/users/" + linus.id(), admin, Map.of("status", "suspended"));
        assertThat(noOwner.status()).as(noOwner.body()).isEqualTo(503);
        assertThat(noOwner.details().get("service").asString()).isEqualTo("admin-service");
        assertThat(call("GET", "/v1/users/" + linus.id(), admin, null)
                        .data()
                        .get("status")
                        .asString())
                .isEqualTo("active");
        try (EventInjector inject = new EventInjector()) {
            inject.publish(
                    Topics.USERS,
                    UserStatusChanged.TYPE.name(),
                    linus.id().toString(),
                    new UserStatusChanged(linus.id(), "suspended", "spam", UUID.randomUUID(), Instant.now()));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(call("GET", "/v1/users/" + linus.id(), admin, null)
                                    .data()
                                    .get("status")
                                    .asString())
                            .isEqualTo("suspended"));
        }

        assertThat(call(
                                "PUT",
                                "/v1/users/" + linus.id() + "/profile",
                                linus.token(),
                                Map.of("timezone", "Mars/Olympus"))
                        .status())
                .isEqualTo(400);
        ApiClient.Response profile = call(
                "PUT",
                "/v1/users/" + linus.id() + "/profile",
                linus.token(),
                Map.of("bio", "Kernel hacker", "timezone", "Europe/Helsinki", "title", "Maintainer"));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        JsonNode read = call("GET", "/v1/users/" + linus.id() + "/profile", other.token(), null)
                .data();
        assertThat(read.get("bio").asString()).isEqualTo("Kernel hacker");
        assertThat(read.get("timezone").asString()).isEqualTo("Europe/Helsinki");
        assertThat(read.get("title").asString()).isEqualTo("Maintainer");
        assertThat(call("PUT", "/v1/users/" + linus.id() + "/profile", other.token(), Map.of("bio", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(call("GET", "/v1/users/" + UUID.randomUUID(), other.token(), null)
                        .status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/users/not-a-uuid", other.token(), null).status())
                .isEqualTo(400);
    }

    @Test
    void presenceIsSetByTheUserOnlyPublishedAtMostOnceASecondAndAManualStatusExpires() throws Exception {
        Person ann = person(unique("ann"), "Ann");
        Person other = person(unique("other"), "Other");
        colleagues(ann, other);
        String path = "/v1/users/" + ann.id() + "/presence";

        JsonNode initial = call("GET", path, other.token(), null).data();
        assertThat(initial.get("status").asString()).isEqualTo("offline");
        assertThat(call("PUT", path, other.token(), Map.of("status", "dnd")).status())
                .isEqualTo(403);
        assertThat(call("PUT", path, ann.token(), Map.of("status", "sleeping")).status())
                .isEqualTo(400);
        assertThat(call("PUT", path, ann.token(), Map.of("status", "away", "expires_at", "2001-01-01T00:00:00Z"))
                        .status())
                .isEqualTo(400);

        for (String status : List.of("online", "away", "online", "away", "dnd")) {
            assertThat(call("PUT", path, ann.token(), Map.of("status", status, "custom_text", "in focus " + status))
                            .status())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> events =
                    EVENTS.await("user.presence-changed", ann.id().toString(), Duration.ofSeconds(1));
            assertThat(events).isNotEmpty();
            assertThat(events.getLast().get("data").get("status").asString()).isEqualTo("dnd");
        });
        assertThat(EVENTS.await("user.presence-changed", ann.id().toString(), Duration.ofSeconds(1)))
                .as("five quick changes are coalesced")
                .hasSizeLessThan(5);
        JsonNode dnd = call("GET", path, other.token(), null).data();
        assertThat(dnd.get("status").asString()).isEqualTo("dnd");
        assertThat(dnd.get("custom_text").asString()).isEqualTo("in focus dnd");
        assertThat(dnd.get("last_active_at").isNull()).isFalse();

        Instant soon = Instant.now().plusSeconds(2);
        assertThat(call(
                                "PUT",
                                path,
                                ann.token(),
                                Map.of("status", "away", "custom_text", "lunch", "expires_at", soon.toString()))
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode after = call("GET", path, other.token(), null).data();
            assertThat(after.get("status").asString())
                    .as("back to the automatic status")
                    .isEqualTo("online");
            assertThat(after.get("custom_text").isNull()).isTrue();
        });
        assertThat(call("GET", "/v1/users/" + UUID.randomUUID() + "/presence", other.token(), null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDeletedUserIsGoneAndADeletionOvertakingTheRegistrationStays() throws Exception {
        Person gone = person(unique("gone"), "Gone");
        Person viewer = person(unique("viewer"), "Viewer");
        colleagues(gone, viewer);
        INJECT.publish(
                Topics.USERS, UserDeleted.TYPE.name(), gone.id().toString(), new UserDeleted(gone.id(), Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> call("GET", "/v1/users/" + gone.id(), viewer.token(), null)
                                .status()
                        == 404);
        assertThat(call("GET", "/v1/users?q=" + gone.username(), viewer.token(), null)
                        .json()
                        .get("pagination")
                        .get("total")
                        .asLong())
                .isZero();

        UUID early = UUID.randomUUID();
        INJECT.publish(Topics.USERS, UserDeleted.TYPE.name(), early.toString(), new UserDeleted(early, Instant.now()));
        publish(
                UserRegistered.TYPE,
                early,
                new UserRegistered(early, unique("late"), "late@example.org", "Late", Instant.now()));
        INJECT.awaitConsumed("user-service.users", Topics.USERS, Duration.ofSeconds(30));
        assertThat(call("GET", "/v1/users/" + early, viewer.token(), null).status())
                .isEqualTo(404);
    }

    @Test
    void organizationMembersAreListedForMembersAndAnAdminDeletionIsHandedToAuthService() throws Exception {
        Person a = person(unique("a"), "A");
        Person b = person(unique("b"), "B");
        Person c = person(unique("c"), "C");
        UUID org = UUID.randomUUID();
        for (Person member : List.of(a, b)) {
            INJECT.publish(
                    Topics.ORGS,
                    OrgMemberAdded.TYPE.name(),
                    org.toString(),
                    new OrgMemberAdded(org, member.id(), "member", Instant.now()));
        }
        INJECT.awaitConsumed("user-service.orgs", Topics.ORGS, Duration.ofSeconds(30));
        JsonNode members =
                call("GET", "/v1/users?organization_id=" + org, a.token(), null).json();
        assertThat(members.get("data").valueStream().map(u -> u.get("id").asString()))
                .containsExactlyInAnyOrder(a.id().toString(), b.id().toString());
        assertThat(call("GET", "/v1/users?organization_id=" + org, c.token(), null)
                        .status())
                .as("outsiders learn nothing about the organization")
                .isEqualTo(404);
        INJECT.publish(
                Topics.ORGS,
                OrgMemberRemoved.TYPE.name(),
                org.toString(),
                new OrgMemberRemoved(org, b.id(), "member", Instant.now()));
        INJECT.awaitConsumed("user-service.orgs", Topics.ORGS, Duration.ofSeconds(30));
        assertThat(call("GET", "/v1/users?organization_id=" + org, a.token(), null)
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(1);

        UUID adminId = UUID.randomUUID();
        String admin = TOKENS.token(
                adminId, claims -> claims.claim("realm_access", Map.of("roles", List.of("user", "admin"))));
        assertThat(call("DELETE", "/v1/users/" + c.id(), b.token(), null).status())
                .isEqualTo(403);
        assertThat(call("DELETE", "/v1/users/" + UUID.randomUUID(), admin, null).status())
                .isEqualTo(404);
        assertThat(call("DELETE", "/v1/users/" + c.id(), admin, null).status()).isEqualTo(202);
        JsonNode request = EVENTS.awaitOne("user.deletion-requested", c.id().toString(), Duration.ofSeconds(20))
                .orElseThrow();
        assertThat(request.get("data").get("requested_by").asString()).isEqualTo(adminId.toString());
    }

    @Test
    void realtimeConnectionsMakeAUserOnlineUntilTheLastClosesUnderAManualStatus() throws Exception {
        Person bea = person(unique("bea"), "Bea");
        Person other = person(unique("other"), "Other");
        colleagues(bea, other);
        String path = "/v1/users/" + bea.id() + "/presence";
        Instant now = Instant.now();
        publish(ConnectionOpened.TYPE, bea.id(), new ConnectionOpened(bea.id(), "ms-1:a", "ms-1", now));
        publish(ConnectionOpened.TYPE, bea.id(), new ConnectionOpened(bea.id(), "ms-2:b", "ms-2", now));
        String replayed = lastEnvelope;
        INJECT.send(Topics.USERS, bea.id().toString(), replayed);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> call("GET", path, other.token(), null)
                        .data()
                        .get("status")
                        .asString()
                        .equals("online"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                EVENTS.await("user.presence-changed", bea.id().toString(), Duration.ofSeconds(1)))
                        .anySatisfy(e -> assertThat(e.get("data").get("status").asString())
                                .isEqualTo("online")));

        publish(ConnectionClosed.TYPE, bea.id(), new ConnectionClosed(bea.id(), "ms-1:a", "ms-1", now));
        INJECT.awaitConsumed("user-service.presence", Topics.USERS, Duration.ofSeconds(30));
        assertThat(call("GET", path, other.token(), null).data().get("status").asString())
                .as("one connection is left (the replayed open counted once)")
                .isEqualTo("online");

        assertThat(call("PUT", path, bea.token(), Map.of("status", "dnd")).status())
                .isEqualTo(200);
        publish(ConnectionClosed.TYPE, bea.id(), new ConnectionClosed(bea.id(), "ms-2:b", "ms-2", now));
        INJECT.awaitConsumed("user-service.presence", Topics.USERS, Duration.ofSeconds(30));
        assertThat(call("GET", path, other.token(), null).data().get("status").asString())
                .as("the manual status still shows")
                .isEqualTo("dnd");
        assertThat(call("PUT", path, bea.token(), Map.of("status", "online")).status())
                .isEqualTo(200);
        assertThat(call("GET", path, other.token(), null).data().get("status").asString())
                .as("saying online is being here")
                .isEqualTo("online");
    }

    // --- helpers ------------------------------------------------------------------------------

    private String lastEnvelope;

    @Test
    void aRevokedSessionsTokenIsRefusedByTheServiceItselfNotOnlyAtTheGateway() {
        Person person = person(unique("revoked"), "Revoked Session");
        String sid = UUID.randomUUID().toString();
        String inSession = TOKENS.token(person.id(), claims -> claims.claim("sid", sid));
        String otherSession = TOKENS.token(
                person.id(), claims -> claims.claim("sid", UUID.randomUUID().toString()));
        String path = "/v1/users/" + person.id();
        assertThat(call("GET", path, inSession, null).status()).isEqualTo(200);

        publish(SessionRevoked.TYPE, person.id(), new SessionRevoked(person.id(), sid, Instant.now()));
        // As a request that went around the gateway: the service's own deny-list refuses it, cached token or not.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> call("GET", path, inSession, null).status() == 401);
        assertThat(call("GET", path, otherSession, null).status())
                .as("the user's other sessions go on")
                .isEqualTo(200);
    }

    @Test
    void usersSeeOnlyPeopleWhoShareAnOrganizationWithThemUnlessTheDirectoryIsOpen() throws Exception {
        String prefix = "d" + UUID.randomUUID().toString().substring(0, 6);
        Person kim = person(prefix + "-kim", "Kim");
        Person lee = person(prefix + "-lee", "Lee");
        Person stranger = person(prefix + "-stranger", "Stranger");
        UUID org = colleagues(kim, lee);
        String admin = TOKENS.token(
                UUID.randomUUID(), c -> c.claim("realm_access", Map.of("roles", List.of("user", "admin"))));

        assertThat(usernames("/v1/users?q=" + prefix, kim.token())).containsExactly(kim.username(), lee.username());
        assertThat(usernames("/v1/users?q=" + prefix, stranger.token()))
                .as("only oneself, of the three")
                .containsExactly(stranger.username());
        assertThat(usernames("/v1/users?q=" + prefix, admin))
                .containsExactly(kim.username(), lee.username(), stranger.username());

        JsonNode unknown = call("GET", "/v1/users/" + UUID.randomUUID(), stranger.token(), null)
                .json()
                .get("error");
        for (String path : List.of(
                "/v1/users/" + kim.id(), "/v1/users/" + kim.id() + "/profile", "/v1/users/" + kim.id() + "/presence")) {
            ApiClient.Response hidden = call("GET", path, stranger.token(), null);
            assertThat(hidden.status()).as(path).isEqualTo(404);
            assertThat(hidden.json().get("error"))
                    .as("answered exactly as someone who does not exist")
                    .isEqualTo(unknown);
            assertThat(call("GET", path, lee.token(), null).status()).as(path).isEqualTo(200);
            assertThat(call("GET", path, admin, null).status()).as(path).isEqualTo(200);
        }
        assertThat(call("PUT", "/v1/users/" + kim.id() + "/presence", stranger.token(), Map.of("status", "dnd"))
                        .status())
                .as("not even a 403 that would confirm the user")
                .isEqualTo(404);

        publish(OrgMemberRemoved.TYPE, org, new OrgMemberRemoved(org, lee.id(), "member", Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        call("GET", "/v1/users/" + kim.id(), lee.token(), null).status() == 404);
        assertThat(usernames("/v1/users?q=" + prefix, lee.token())).containsExactly(lee.username());

        try {
            SETTINGS.publish("directory.visibility", "everyone");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> call("GET", "/v1/users/" + kim.id(), stranger.token(), null)
                                    .status()
                            == 200);
            assertThat(usernames("/v1/users?q=" + prefix, stranger.token()))
                    .containsExactly(kim.username(), lee.username(), stranger.username());
        } finally {
            SETTINGS.restore();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> call("GET", "/v1/users/" + kim.id(), stranger.token(), null)
                                .status()
                        == 404);
    }

    @Test
    void aLateOlderMembershipEventRestoresNoVisibility() throws Exception {
        Person kim = person(unique("kim"), "Kim");
        Person lee = person(unique("lee"), "Lee");
        UUID org = UUID.randomUUID();
        Instant now = Instant.now();
        INJECT.publishVersioned(
                Topics.ORGS,
                OrgMemberAdded.TYPE.name(),
                org.toString(),
                1,
                new OrgMemberAdded(org, kim.id(), "owner", now));
        INJECT.publishVersioned(
                Topics.ORGS,
                OrgMemberAdded.TYPE.name(),
                org.toString(),
                2,
                new OrgMemberAdded(org, lee.id(), "member", now));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        call("GET", "/v1/users/" + kim.id(), lee.token(), null).status() == 200);

        INJECT.publishVersioned(
                Topics.ORGS,
                OrgMemberRemoved.TYPE.name(),
                org.toString(),
                4,
                new OrgMemberRemoved(org, lee.id(), "member", now));
        // An outbox retry of lee's addition (version 3, between the two above) reaches the replica after the removal.
        INJECT.publishVersioned(
                Topics.ORGS,
                OrgMemberAdded.TYPE.name(),
                org.toString(),
                3,
                new OrgMemberAdded(org, lee.id(), "member", now));
        INJECT.awaitConsumed("user-service.orgs", Topics.ORGS, Duration.ofSeconds(30));
        assertThat(call("GET", "/v1/users/" + kim.id(), lee.token(), null).status())
                .as("the removal stands: lee no longer sees kim")
                .isEqualTo(404);
        assertThat(call("GET", "/v1/users?organization_id=" + org, lee.token(), null)
                        .status())
                .isEqualTo(404);
    }

    private List<String> usernames(String path, String token) {
        return call("GET", path, token, null)
                .data()
                .valueStream()
                .map(u -> u.get("username").asString())
                .toList();
    }

    /** Puts these people in one new organization (org-service's events), so that they see each other. */
    private UUID colleagues(Person... people) {
        UUID org = UUID.randomUUID();
        for (Person person : people) {
            publish(OrgMemberAdded.TYPE, org, new OrgMemberAdded(org, person.id(), "member", Instant.now()));
        }
        INJECT.awaitConsumed("user-service.orgs", Topics.ORGS, Duration.ofSeconds(30));
        return org;
    }

    /** A user registered through the event auth-service publishes, once user-service shows them. */
    private Person person(String username, String displayName) {
        UUID id = UUID.randomUUID();
        publish(
                UserRegistered.TYPE,
                id,
                new UserRegistered(id, username, username + "@example.org", displayName, Instant.now()));
        String token = TOKENS.token(id);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> call("GET", "/v1/users/" + id, token, null).status() == 200);
        return new Person(id, username, token);
    }

    private <T> void publish(EventType<T> type, UUID subject, T data) {
        lastEnvelope = INJECT.publish(type.topic(), type.name(), subject.toString(), data);
    }

    private ApiClient.Response call(String method, String path, String token, Object body) {
        return new ApiClient(port).send(method, path, token, body);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
