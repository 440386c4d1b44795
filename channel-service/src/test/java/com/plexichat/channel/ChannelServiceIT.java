package com.plexichat.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import com.plexichat.platform.test.ApiClient;
import com.plexichat.platform.test.EventInjector;
import com.plexichat.platform.test.EventProbe;
import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.ServiceContractIT;
import com.plexichat.platform.test.TestTokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Channels, members and permissions on real PostgreSQL and Kafka. Organization membership reaches the
 * service as org-service's events, injected here as org-service publishes them.
 */
@IntegrationTest
class ChannelServiceIT extends ServiceContractIT {

    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final EventInjector INJECT = new EventInjector();
    private static final EventProbe EVENTS = new EventProbe(Topics.CHANNELS);
    private static final Duration WAIT = Duration.ofSeconds(20);

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

    record Person(UUID id, String token) {}

    /** An organization with one person per role, and someone from outside. */
    record Org(UUID id, Person owner, Person admin, Person member, Person guest, Person outsider) {}

    @Test
    void membersCreateChannelsWhoseNamesAreUniqueInTheOrganizationAndTheCreatorIsAdmin() throws Exception {
        Org org = organization();
        ApiClient.Response created = call(
                "POST",
                "/v1/channels",
                org.member(),
                Map.of("organization_id", org.id(), "name", "General", "type", "public", "topic", "Anything"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode channel = created.data();
        String id = channel.get("id").asString();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/v1/channels/" + id);
        assertThat(channel.get("organization_id").asString()).isEqualTo(org.id().toString());
        assertThat(channel.get("created_by").asString())
                .isEqualTo(org.member().id().toString());
        assertThat(channel.get("archived").asBoolean()).isFalse();
        assertThat(channel.get("member_count").asLong()).isEqualTo(1);
        assertThat(channel.get("me").get("role").asString()).isEqualTo("admin");
        assertThat(strings(channel.get("me").get("permissions")))
                .containsExactly(
                        "post_messages",
                        "add_reactions",
                        "upload_files",
                        "manage_members",
                        "manage_channel",
                        "pin_messages",
                        "start_calls",
                        "join_voice");

        JsonNode event = EVENTS.awaitOne("channel.created", id, WAIT).orElseThrow();
        assertThat(event.get("data").get("name").asString()).isEqualTo("General");
        assertThat(strings(event.get("data").get("roles").get("guest")))
                .containsExactly("post_messages", "add_reactions");
        assertThat(EVENTS.awaitOne("channel.member-added", id, WAIT)
                        .orElseThrow()
                        .get("data")
                        .get("role")
                        .asString())
                .isEqualTo("admin");
        assertThat(event.get("subjectversion").asLong())
                .as("each event of a channel carries the version it brought the channel to")
                .isEqualTo(1);
        assertThat(EVENTS.awaitOne("channel.member-added", id, WAIT)
                        .orElseThrow()
                        .get("subjectversion")
                        .asLong())
                .isEqualTo(2);

        ApiClient.Response sameName = create(org.owner(), org.id(), "general", "private");
        assertThat(sameName.status()).as("names are unique whatever their case").isEqualTo(409);
        assertThat(sameName.field()).isEqualTo("name");
        Org other = organization();
        assertThat(create(other.owner(), other.id(), "General", "public").status())
                .as("in another organization the name is free")
                .isEqualTo(201);

        ApiClient.Response outsider = create(org.outsider(), org.id(), "mine", "public");
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.field()).isEqualTo("organization_id");
        assertThat(create(org.guest(), org.id(), "guests", "public").status()).isEqualTo(403);
    }

    @Test
    void badRequestsAreClearClientErrors() throws Exception {
        Org org = organization();
        List<Map<String, Object>> bodies = List.of(
                Map.of("organization_id", org.id(), "name", "x", "type", "secret"),
                Map.of("organization_id", org.id(), "name", " ", "type", "public"),
                Map.of("organization_id", org.id(), "name", "a".repeat(81), "type", "public"),
                Map.of("organization_id", org.id(), "name", "two\nlines", "type", "public"),
                Map.of("organization_id", "not-a-uuid", "name", "x", "type", "public"),
                Map.of("name", "x", "type", "public"),
                Map.of("organization_id", org.id(), "name", "x", "type", "public", "created_by", UUID.randomUUID()),
                Map.of("organization_id", org.id(), "name", "x", "type", "public", "topic", "t".repeat(251)));
        for (Map<String, Object> body : bodies) {
            ApiClient.Response response = call("POST", "/v1/channels", org.owner(), body);
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(response.body()).doesNotContain("Exception");
        }
        assertThat(call("POST", "/v1/channels", org.owner(), "[1, 2]").status()).isEqualTo(400);
        assertThat(call("GET", "/v1/channels?type=secret", org.owner(), null).status())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/channels?organization_id=nope", org.owner(), null)
                        .status())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/channels?per_page=101", org.owner(), null).status())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/channels/not-a-uuid", org.owner(), null).status())
                .isEqualTo(400);
        assertThat(new ApiClient(port).send("GET", "/v1/channels", null, null).status())
                .isEqualTo(401);
    }

    @Test
    void eachSeesThePublicChannelsOfTheirOrganizationsAndThePrivateOnesTheyBelongTo() throws Exception {
        Org org = organization();
        String general = createdId(org.owner(), org.id(), "general", "public");
        String secret = createdId(org.owner(), org.id(), "secret", "private");
        String lounge = createdId(org.owner(), org.id(), "lounge", "voice");

        assertThat(names(org.owner(), "")).containsExactly("general", "lounge", "secret");
        assertThat(names(org.admin(), ""))
                .as("organization admins see every channel of it")
                .containsExactly("general", "lounge", "secret");
        assertThat(names(org.member(), "")).containsExactly("general", "lounge");
        assertThat(names(org.guest(), ""))
                .as("guests see only channels they are in")
                .isEmpty();
        assertThat(names(org.outsider(), "")).isEmpty();

        assertThat(call("GET", "/v1/channels/" + general, org.member(), null).status())
                .isEqualTo(200);
        assertThat(call("GET", "/v1/channels/" + secret, org.member(), null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/channels/" + secret + "/members", org.member(), null)
                        .status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/channels/" + general, org.guest(), null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/channels/" + general, org.outsider(), null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/channels/" + UUID.randomUUID(), org.owner(), null)
                        .status())
                .isEqualTo(404);
        ApiClient.Response foreign = call("GET", "/v1/channels?organization_id=" + org.id(), org.outsider(), null);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.field()).isEqualTo("organization_id");

        assertThat(add(org.owner(), general, org.guest(), null).status()).isEqualTo(201);
        assertThat(names(org.guest(), "")).containsExactly("general");
        JsonNode asGuest =
                call("GET", "/v1/channels/" + general, org.guest(), null).data();
        assertThat(strings(asGuest.get("me").get("permissions"))).containsExactly("post_messages", "add_reactions");

        assertThat(names(org.owner(), "&type=private")).containsExactly("secret");
        assertThat(names(org.member(), "&type=voice")).containsExactly("lounge");
        assertThat(call("PUT", "/v1/channels/" + lounge, org.owner(), Map.of("archived", true))
                        .status())
                .isEqualTo(200);
        assertThat(names(org.member(), "&archived=false")).containsExactly("general");
        assertThat(names(org.member(), "&archived=true")).containsExactly("lounge");

        JsonNode page = call(
                        "GET", "/v1/channels?organization_id=" + org.id() + "&per_page=2&page=2", org.owner(), null)
                .json();
        assertThat(page.get("data").size()).isEqualTo(1);
        assertThat(page.get("pagination").get("total").asLong()).isEqualTo(3);
        assertThat(page.get("pagination").get("has_prev").asBoolean()).isTrue();
        assertThat(page.get("pagination").get("has_next").asBoolean()).isFalse();
    }

    @Test
    void channelAdminsAndOrganizationAdminsChangeAChannelOnlyAdminsOrTheOwnerDeleteIt() throws Exception {
        Org org = organization();
        String id = createdId(org.member(), org.id(), "projects", "public");
        Person colleague = join(org);

        ApiClient.Response notAllowed = call("PUT", "/v1/channels/" + id, colleague, Map.of("topic", "mine"));
        assertThat(notAllowed.status()).as("a member without manage_channel").isEqualTo(403);
        assertThat(add(colleague, id, colleague, null).status()).as("joining").isEqualTo(201);
        assertThat(call("PUT", "/v1/channels/" + id, colleague, Map.of("topic", "mine"))
                        .status())
                .isEqualTo(403);

        ApiClient.Response renamed =
                call("PUT", "/v1/channels/" + id, org.member(), Map.of("name", "Projects", "topic", "Q1 plans"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.data().get("name").asString()).isEqualTo("Projects");
        assertThat(renamed.data().get("topic").asString()).isEqualTo("Q1 plans");
        assertThat(EVENTS.awaitMatching(
                        "channel.updated",
                        id,
                        e -> e.get("data").get("topic").asString().equals("Q1 plans"),
                        WAIT))
                .isPresent();
        ApiClient.Response byOrgAdmin =
                call("PUT", "/v1/channels/" + id, org.admin(), Map.of("archived", true, "topic", ""));
        assertThat(byOrgAdmin.status())
                .as("organization admins manage every channel")
                .isEqualTo(200);
        assertThat(byOrgAdmin.data().get("topic").isNull()).isTrue();
        assertThat(EVENTS.awaitOne("channel.archived", id, WAIT)).isPresent();
        JsonNode archived =
                call("GET", "/v1/channels/" + id, org.member(), null).data();
        assertThat(archived.get("archived").asBoolean()).isTrue();
        assertThat(strings(archived.get("me").get("permissions")))
                .as("an archived channel is read-only")
                .containsExactly("manage_members", "manage_channel");
        createdId(org.member(), org.id(), "taken", "public");
        assertThat(call("PUT", "/v1/channels/" + id, org.member(), Map.of("name", "TAKEN"))
                        .status())
                .isEqualTo(409);
        assertThat(call("PUT", "/v1/channels/" + id, org.member(), Map.of("name", ""))
                        .status())
                .isEqualTo(400);
        assertThat(call("PUT", "/v1/channels/" + id, org.member(), Map.of("owner", "me"))
                        .status())
                .isEqualTo(400);

        assertThat(call("DELETE", "/v1/channels/" + id, colleague, null).status())
                .isEqualTo(403);
        assertThat(call("DELETE", "/v1/channels/" + id, org.admin(), null).status())
                .as("an organization admin is not its owner")
                .isEqualTo(403);
        assertThat(call("DELETE", "/v1/channels/" + id, org.outsider(), null).status())
                .isEqualTo(404);
        assertThat(call("DELETE", "/v1/channels/" + id, org.owner(), null).status())
                .isEqualTo(204);
        assertThat(EVENTS.awaitOne("channel.deleted", id, WAIT)).isPresent();
        assertThat(call("GET", "/v1/channels/" + id, org.member(), null).status())
                .isEqualTo(404);

        String own = createdId(org.member(), org.id(), "own", "private");
        assertThat(call("DELETE", "/v1/channels/" + own, org.member(), null).status())
                .as("its channel admin")
                .isEqualTo(204);
    }

    @Test
    void privateChannelsTakeMembersFromManageMembersAndAPermissionChangeTakesEffect() throws Exception {
        Org org = organization();
        String id = createdId(org.owner(), org.id(), "board", "private");

        assertThat(add(org.member(), id, org.member(), null).status())
                .as("a private channel is invisible to non-members")
                .isEqualTo(404);
        ApiClient.Response added = add(org.owner(), id, org.member(), null);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.data().get("role").asString()).isEqualTo("member");
        assertThat(added.raw().headers().firstValue("Location"))
                .hasValue("/v1/channels/" + id + "/members/" + org.member().id());
        assertThat(EVENTS.awaitMatching(
                        "channel.member-added",
                        id,
                        e -> e.get("data")
                                .get("user_id")
                                .asString()
                                .equals(org.member().id().toString()),
                        WAIT))
                .isPresent();
        assertThat(add(org.owner(), id, org.member(), null).status()).isEqualTo(409);
        ApiClient.Response stranger = add(org.owner(), id, org.outsider(), null);
        assertThat(stranger.status()).as("only the organization's members").isEqualTo(404);
        assertThat(stranger.field()).isEqualTo("user_id");
        assertThat(add(org.member(), id, org.guest(), null).status())
                .as("members lack manage_members in a private channel")
                .isEqualTo(403);
        assertThat(add(org.member(), id, org.admin(), "admin").status()).isEqualTo(403);
        ApiClient.Response notTheirs = call(
                "PUT",
                "/v1/channels/" + id + "/permissions",
                org.member(),
                Map.of("roles", Map.of("member", List.of())));
        assertThat(notTheirs.status()).isEqualTo(403);

        ApiClient.Response granted = call(
                "PUT",
                "/v1/channels/" + id + "/permissions",
                org.owner(),
                Map.of("roles", Map.of("member", List.of("manage_members", "post_messages"))));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(strings(granted.data().get("roles").get("member")))
                .containsExactly("post_messages", "manage_members");
        assertThat(strings(granted.data().get("roles").get("guest")))
                .as("roles not given keep theirs")
                .containsExactly("post_messages", "add_reactions");
        assertThat(EVENTS.awaitOne("channel.permissions-updated", id, WAIT)).isPresent();

        ApiClient.Response guestAdmin = add(org.owner(), id, org.guest(), "admin");
        assertThat(guestAdmin.status())
                .as("a guest of the organization is never a channel admin")
                .isEqualTo(422);
        assertThat(guestAdmin.field()).isEqualTo("role");
        ApiClient.Response byMember = add(org.member(), id, org.guest(), null);
        assertThat(byMember.status()).as("the new permission counts at once").isEqualTo(201);
        assertThat(add(org.owner(), id, org.guest(), null).status()).isEqualTo(409);

        JsonNode members = call("GET", "/v1/channels/" + id + "/members?per_page=2", org.guest(), null)
                .json();
        assertThat(members.get("data").size()).isEqualTo(2);
        assertThat(members.get("pagination").get("total").asLong()).isEqualTo(3);
        assertThat(members.get("data").get(0).get("role").asString()).isEqualTo("admin");

        assertThat(remove(org.guest(), id, org.member()).status())
                .as("a guest has no manage_members")
                .isEqualTo(403);
        assertThat(remove(org.member(), id, org.owner()).status())
                .as("only admins remove an admin")
                .isEqualTo(403);
        assertThat(remove(org.member(), id, org.guest()).status()).isEqualTo(204);
        assertThat(EVENTS.awaitMatching(
                        "channel.member-removed",
                        id,
                        e -> e.get("data").get("reason").asString().equals("removed"),
                        WAIT))
                .isPresent();
        assertThat(call("GET", "/v1/channels/" + id, org.guest(), null).status())
                .isEqualTo(404);
        assertThat(remove(org.member(), id, org.member()).status())
                .as("leaving is always allowed")
                .isEqualTo(204);
        assertThat(remove(org.owner(), id, org.member()).status()).isEqualTo(404);
        assertThat(call("GET", "/v1/channels/" + id, org.member(), null).status())
                .isEqualTo(404);
    }

    @Test
    void permissionsHaveDefaultsPerTypeAndAnAnnouncementChannelLetsOnlyAdminsPost() throws Exception {
        Org org = organization();
        String voice = createdId(org.owner(), org.id(), "huddle", "voice");
        JsonNode defaults = call("GET", "/v1/channels/" + voice + "/permissions", org.member(), null)
                .data();
        assertThat(strings(defaults.get("roles").get("member")))
                .containsExactly("post_messages", "add_reactions", "start_calls", "join_voice");
        assertThat(strings(defaults.get("roles").get("guest"))).containsExactly("start_calls", "join_voice");
        assertThat(defaults.get("available").size()).isEqualTo(8);

        String news = createdId(org.owner(), org.id(), "announcements", "public");
        assertThat(add(org.owner(), news, org.member(), null).status()).isEqualTo(201);
        assertThat(allowed(news, org.member(), "post_messages")).isTrue();

        Map<String, Object> announcement =
                Map.of("roles", Map.of("member", List.of("add_reactions"), "guest", List.of()));
        assertThat(call("PUT", "/v1/channels/" + news + "/permissions", org.admin(), announcement)
                        .status())
                .as("organization admins change permissions")
                .isEqualTo(200);
        assertThat(allowed(news, org.member(), "post_messages")).isFalse();
        assertThat(allowed(news, org.member(), "add_reactions")).isTrue();
        assertThat(allowed(news, org.owner(), "post_messages")).isTrue();
        assertThat(strings(call("GET", "/v1/channels/" + news, org.member(), null)
                        .data()
                        .get("me")
                        .get("permissions")))
                .containsExactly("add_reactions");

        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("roles", Map.of("member", List.of("fly"))),
                Map.<String, Object>of("roles", Map.of("owner", List.of())),
                Map.<String, Object>of("roles", Map.of()),
                Map.<String, Object>of("roles", List.of("member")),
                Map.<String, Object>of("member", List.of()))) {
            ApiClient.Response refused = call("PUT", "/v1/channels/" + news + "/permissions", org.owner(), bad);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
        }
        Map<String, Object> nullList = new HashMap<>();
        nullList.put("member", null);
        assertThat(call("PUT", "/v1/channels/" + news + "/permissions", org.owner(), Map.of("roles", nullList))
                        .status())
                .isEqualTo(400);
        ApiClient.Response adminRole = call(
                "PUT",
                "/v1/channels/" + news + "/permissions",
                org.owner(),
                Map.of("roles", Map.of("admin", List.of())));
        assertThat(adminRole.status()).isEqualTo(422);
        assertThat(adminRole.field()).isEqualTo("roles.admin");
    }

    @Test
    void theInternalAccessCheckAnswersServiceCredentialsOnly() throws Exception {
        Org org = organization();
        String id = createdId(org.owner(), org.id(), "ops", "private");
        String path = "/internal/channels/" + id + "/access/" + org.member().id();

        assertThat(new ApiClient(port).send("GET", path, null, null).status()).isEqualTo(401);
        assertThat(new ApiClient(port)
                        .send("GET", path, org.owner().token(), null)
                        .status())
                .as("a user's token is not a service credential")
                .isEqualTo(403);

        JsonNode before = service("GET", path + "?permission=post_messages").data();
        assertThat(before.get("readable").asBoolean()).isFalse();
        assertThat(before.get("member").asBoolean()).isFalse();
        assertThat(before.get("allowed").asBoolean()).isFalse();

        assertThat(add(org.owner(), id, org.member(), null).status()).isEqualTo(201);
        JsonNode after = service("GET", path + "?permission=post_messages").data();
        assertThat(after.get("readable").asBoolean()).isTrue();
        assertThat(after.get("role").asString()).isEqualTo("member");
        assertThat(after.get("permission_role").asString()).isEqualTo("member");
        assertThat(after.get("allowed").asBoolean()).isTrue();
        assertThat(after.get("organization_id").asString()).isEqualTo(org.id().toString());

        assertThat(service("GET", path + "?permission=fly").status()).isEqualTo(400);
        assertThat(service(
                                "GET",
                                "/internal/channels/" + UUID.randomUUID() + "/access/"
                                        + org.member().id())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aUserRemovedFromTheOrganizationLeavesItsChannelsOnceAndADeletedOrganizationTakesThem() throws Exception {
        Org org = organization();
        String general = createdId(org.owner(), org.id(), "general", "public");
        String board = createdId(org.owner(), org.id(), "board", "private");
        assertThat(add(org.member(), general, org.member(), null).status()).isEqualTo(201);
        assertThat(add(org.owner(), board, org.member(), null).status()).isEqualTo(201);
        Person leaving = org.member();

        String removal = INJECT.publish(
                Topics.ORGS,
                OrgMemberRemoved.TYPE.name(),
                org.id().toString(),
                new OrgMemberRemoved(org.id(), leaving.id(), "member", Instant.now()));
        INJECT.send(Topics.ORGS, org.id().toString(), removal);
        INJECT.awaitConsumed("channel-service.orgs", Topics.ORGS, WAIT);

        for (String channel : List.of(general, board)) {
            assertThat(EVENTS.await("channel.member-removed", channel, WAIT).stream()
                            .filter(e -> e.get("data")
                                    .get("user_id")
                                    .asString()
                                    .equals(leaving.id().toString()))
                            .map(e -> e.get("data").get("reason").asString()))
                    .as("one removal, though the event came twice")
                    .containsExactly("left-organization");
            assertThat(call("GET", "/v1/channels/" + channel, leaving, null).status())
                    .isEqualTo(404);
        }
        assertThat(call("GET", "/v1/channels/" + general, org.owner(), null)
                        .data()
                        .get("member_count")
                        .asLong())
                .isEqualTo(1);
        assertThat(names(leaving, "")).isEmpty();
        assertThat(add(org.owner(), general, leaving, null).status()).isEqualTo(404);

        // A deleted user leaves every channel.
        assertThat(add(org.owner(), general, org.admin(), null).status()).isEqualTo(201);
        INJECT.publish(
                Topics.USERS,
                UserDeleted.TYPE.name(),
                org.admin().id().toString(),
                new UserDeleted(org.admin().id(), Instant.now()));
        INJECT.awaitConsumed("channel-service.users", Topics.USERS, WAIT);
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(EVENTS.await("channel.member-removed", general, WAIT))
                        .anySatisfy(e -> assertThat(e.get("data").get("reason").asString())
                                .isEqualTo("user-deleted")));

        // A deleted organization takes its channels; nothing new is created in it afterwards.
        INJECT.publish(
                Topics.ORGS, OrgDeleted.TYPE.name(), org.id().toString(), new OrgDeleted(org.id(), Instant.now()));
        INJECT.awaitConsumed("channel-service.orgs", Topics.ORGS, WAIT);
        assertThat(EVENTS.awaitOne("channel.deleted", general, WAIT)).isPresent();
        assertThat(EVENTS.awaitOne("channel.deleted", board, WAIT)).isPresent();
        assertThat(call("GET", "/v1/channels/" + general, org.owner(), null).status())
                .isEqualTo(404);
        assertThat(create(org.owner(), org.id(), "again", "public").status()).isEqualTo(404);
    }

    // --- helpers ------------------------------------------------------------------------------

    private Org organization() {
        UUID id = UUID.randomUUID();
        Org org = new Org(id, person(), person(), person(), person(), person());
        Map<Person, String> roles =
                Map.of(org.owner(), "owner", org.admin(), "admin", org.member(), "member", org.guest(), "guest");
        roles.forEach((person, role) -> memberAdded(id, person, role));
        INJECT.awaitConsumed("channel-service.orgs", Topics.ORGS, WAIT);
        return org;
    }

    /** One more member of the organization. */
    private Person join(Org org) {
        Person person = person();
        memberAdded(org.id(), person, "member");
        INJECT.awaitConsumed("channel-service.orgs", Topics.ORGS, WAIT);
        return person;
    }

    private static void memberAdded(UUID organizationId, Person person, String role) {
        INJECT.publish(
                Topics.ORGS,
                OrgMemberAdded.TYPE.name(),
                organizationId.toString(),
                new OrgMemberAdded(organizationId, person.id(), role, Instant.now()));
    }

    private static Person person() {
        UUID id = UUID.randomUUID();
        return new Person(id, TOKENS.token(id));
    }

    private ApiClient.Response create(Person by, UUID organizationId, String name, String type) {
        return call("POST", "/v1/channels", by, Map.of("organization_id", organizationId, "name", name, "type", type));
    }

    private String createdId(Person by, UUID organizationId, String name, String type) {
        ApiClient.Response created = create(by, organizationId, name, type);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("id").asString();
    }

    private ApiClient.Response add(Person by, String channelId, Person user, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("user_id", user.id());
        if (role != null) {
            body.put("role", role);
        }
        return call("POST", "/v1/channels/" + channelId + "/members", by, body);
    }

    private ApiClient.Response remove(Person by, String channelId, Person user) {
        return call("DELETE", "/v1/channels/" + channelId + "/members/" + user.id(), by, null);
    }

    /** The names of the channels the person lists (every page), with extra query parameters. */
    private List<String> names(Person person, String query) {
        List<String> names = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode response = call("GET", "/v1/channels?per_page=100&page=" + page + query, person, null)
                    .json();
            response.get("data").forEach(c -> names.add(c.get("name").asString()));
            if (!response.get("pagination").get("has_next").asBoolean()) {
                return names;
            }
        }
    }

    private boolean allowed(String channelId, Person person, String permission) {
        ApiClient.Response response = service(
                "GET", "/internal/channels/" + channelId + "/access/" + person.id() + "?permission=" + permission);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.data().get("allowed").asBoolean();
    }

    private ApiClient.Response service(String method, String path) {
        String token = TOKENS.token(
                UUID.randomUUID(), claims -> claims.claim("realm_access", Map.of("roles", List.of("service"))));
        return new ApiClient(port).send(method, path, token, null);
    }

    private ApiClient.Response call(String method, String path, Person caller, Object body) {
        return new ApiClient(port).send(method, path, caller.token(), body);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
