package com.plexichat.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
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

/** Organizations and members on real PostgreSQL and Kafka; users come from auth-service's events. */
@IntegrationTest
class OrgServiceIT extends ServiceContractIT {

    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final EventInjector INJECT = new EventInjector();
    private static final EventProbe EVENTS = new EventProbe(Topics.ORGS);

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

    @Test
    void theCreatorOwnsTheOrganizationAndASlugIsUnique() throws Exception {
        Person ada = person();
        String slug = slug();
        ApiClient.Response created = call("POST", "/v1/organizations", ada, Map.of("name", "Engines", "slug", slug));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode organization = created.data();
        String id = organization.get("id").asString();
        assertThat(organization.get("owner_id").asString()).isEqualTo(ada.id().toString());
        assertThat(organization.get("member_count").asLong()).isEqualTo(1);

        ApiClient.Response taken = call("POST", "/v1/organizations", person(), Map.of("name", "Other", "slug", slug));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.field()).isEqualTo("slug");
        assertThat(call("POST", "/v1/organizations", ada, Map.of("name", "Bad", "slug", "Not A Slug"))
                        .status())
                .isEqualTo(400);
        assertThat(call(
                                "POST",
                                "/v1/organizations",
                                ada,
                                Map.of("name", "X", "slug", slug(), "owner_id", UUID.randomUUID()))
                        .status())
                .as("owner_id is not the client's to set")
                .isEqualTo(400);

        JsonNode mine = call("GET", "/v1/organizations", ada, null).json();
        assertThat(mine.get("data").valueStream().map(o -> o.get("id").asString()))
                .contains(id);
        assertThat(EVENTS.awaitOne("org.created", id, Duration.ofSeconds(20))
                        .orElseThrow()
                        .get("subjectversion")
                        .asLong())
                .as("each event of an organization carries the version it brought the organization to")
                .isEqualTo(1);
        assertThat(EVENTS.await("org.member-added", id, Duration.ofSeconds(20))).anySatisfy(e -> {
            assertThat(e.get("data").get("role").asString()).isEqualTo("owner");
            assertThat(e.get("subjectversion").asLong()).isEqualTo(2);
        });
    }

    @Test
    void anUpdateKeepsItsChangesAndATakenSlugChangesNothing() throws Exception {
        Person ada = person();
        String slug = slug();
        String other = slug();
        String id = call("POST", "/v1/organizations", ada, Map.of("name", "Engines", "slug", slug))
                .data()
                .get("id")
                .asString();
        call("POST", "/v1/organizations", ada, Map.of("name", "Looms", "slug", other));

        ApiClient.Response renamed = call(
                "PUT", "/v1/organizations/" + id, ada, Map.of("name", "Analytical Engines", "description", "Cards"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        JsonNode read = call("GET", "/v1/organizations/" + id, ada, null).data();
        assertThat(read.get("name").asString()).isEqualTo("Analytical Engines");
        assertThat(read.get("description").asString()).isEqualTo("Cards");
        assertThat(read.get("member_count").asLong()).isEqualTo(1);

        ApiClient.Response taken =
                call("PUT", "/v1/organizations/" + id, ada, Map.of("name", "Renamed again", "slug", other));
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.field()).isEqualTo("slug");
        JsonNode after = call("GET", "/v1/organizations/" + id, ada, null).data();
        assertThat(after.get("name").asString()).isEqualTo("Analytical Engines");
        assertThat(after.get("slug").asString()).isEqualTo(slug);
    }

    @Test
    void outsidersSeeNothingMembersReadAndOnlyOwnersAndAdminsManage() throws Exception {
        Person owner = person();
        Person admin = person();
        Person member = person();
        Person outsider = person();
        String id = create(owner);

        assertThat(call("GET", "/v1/organizations/" + id, outsider, null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/organizations/" + id + "/members", outsider, null)
                        .status())
                .isEqualTo(404);
        assertThat(call("PUT", "/v1/organizations/" + id, outsider, Map.of("name", "Mine now"))
                        .status())
                .isEqualTo(404);

        assertThat(add(owner, id, admin, "admin").status()).isEqualTo(201);
        ApiClient.Response added = add(admin, id, member, "member");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.data().get("role").asString()).isEqualTo("member");
        ApiClient.Response one = call("GET", "/v1/organizations/" + id + "/members/" + admin.id(), member, null);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.data().get("role").asString()).isEqualTo("admin");
        assertThat(call("GET", "/v1/organizations/" + id + "/members/" + admin.id(), outsider, null)
                        .status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/organizations/" + id + "/members/" + outsider.id(), member, null)
                        .status())
                .isEqualTo(404);
        assertThat(add(member, id, outsider, "member").status())
                .as("members do not add")
                .isEqualTo(403);
        assertThat(add(admin, id, outsider, "owner").status())
                .as("admins make no owners")
                .isEqualTo(403);
        ApiClient.Response again = add(owner, id, member, "guest");
        assertThat(again.status()).isEqualTo(409);
        ApiClient.Response unknown = call(
                "POST",
                "/v1/organizations/" + id + "/members",
                owner,
                Map.of("user_id", UUID.randomUUID(), "role", "member"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("user_id");

        assertThat(call("GET", "/v1/organizations/" + id, member, null)
                        .data()
                        .get("member_count")
                        .asLong())
                .isEqualTo(3);
        assertThat(call("PUT", "/v1/organizations/" + id, member, Map.of("name", "Renamed"))
                        .status())
                .isEqualTo(403);
        ApiClient.Response renamed =
                call("PUT", "/v1/organizations/" + id, admin, Map.of("name", "Renamed", "description", "new"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.data().get("name").asString()).isEqualTo("Renamed");
        assertThat(EVENTS.awaitOne("org.updated", id, Duration.ofSeconds(20))).isPresent();

        assertThat(call("DELETE", "/v1/organizations/" + id + "/members/" + owner.id(), admin, null)
                        .status())
                .as("only owners remove owners")
                .isEqualTo(403);
        assertThat(call("DELETE", "/v1/organizations/" + id, admin, null).status())
                .isEqualTo(403);
        assertThat(call("DELETE", "/v1/organizations/" + id, owner, null).status())
                .isEqualTo(204);
        assertThat(call("GET", "/v1/organizations/" + id, owner, null).status()).isEqualTo(404);
        assertThat(EVENTS.awaitOne("org.deleted", id, Duration.ofSeconds(20))).isPresent();
    }

    @Test
    void membersLeaveTheLastOwnerCannotAndMembersPageByTheRules() throws Exception {
        Person owner = person();
        String id = create(owner);
        List<Person> others = List.of(person(), person(), person());
        for (Person other : others) {
            assertThat(add(owner, id, other, "member").status()).isEqualTo(201);
        }

        JsonNode first = call("GET", "/v1/organizations/" + id + "/members?per_page=2", owner, null)
                .json();
        assertThat(first.get("data").size()).isEqualTo(2);
        assertThat(first.get("pagination").get("total").asLong()).isEqualTo(4);
        assertThat(first.get("pagination").get("has_next").asBoolean()).isTrue();
        JsonNode last = call("GET", "/v1/organizations/" + id + "/members?per_page=2&page=2", owner, null)
                .json();
        assertThat(last.get("data").size()).isEqualTo(2);
        assertThat(last.get("pagination").get("has_next").asBoolean()).isFalse();
        assertThat(call("GET", "/v1/organizations/" + id + "/members?per_page=0", owner, null)
                        .status())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/organizations/" + id + "/members?page=3&per_page=2", owner, null)
                        .data()
                        .size())
                .isZero();

        Person leaving = others.getFirst();
        assertThat(call("DELETE", "/v1/organizations/" + id + "/members/" + leaving.id(), leaving, null)
                        .status())
                .isEqualTo(204);
        assertThat(EVENTS.awaitMatching(
                        "org.member-removed",
                        id,
                        e -> e.get("data")
                                .get("user_id")
                                .asString()
                                .equals(leaving.id().toString()),
                        Duration.ofSeconds(20)))
                .isPresent();
        assertThat(call("GET", "/v1/organizations/" + id, leaving, null).status())
                .isEqualTo(404);
        assertThat(call(
                                "DELETE",
                                "/v1/organizations/" + id + "/members/"
                                        + others.get(2).id(),
                                others.get(1),
                                null)
                        .status())
                .as("a member removes only themself")
                .isEqualTo(403);

        ApiClient.Response lastOwner =
                call("DELETE", "/v1/organizations/" + id + "/members/" + owner.id(), owner, null);
        assertThat(lastOwner.status()).isEqualTo(422);
        assertThat(lastOwner.json().get("error").get("code").asString()).isEqualTo("BUSINESS_RULE_VIOLATION");
    }

    @Test
    void aDeletedUserLeavesEveryOrganizationAndAReplayedEventIsAppliedOnce() throws Exception {
        Person owner = person();
        Person doomed = person();
        String id = create(owner);
        assertThat(add(owner, id, doomed, "member").status()).isEqualTo(201);

        String deletion = INJECT.publish(
                Topics.USERS,
                UserDeleted.TYPE.name(),
                doomed.id().toString(),
                new UserDeleted(doomed.id(), Instant.now()));
        INJECT.send(Topics.USERS, doomed.id().toString(), deletion);
        INJECT.awaitConsumed("org-service.users", Topics.USERS, Duration.ofSeconds(30));

        assertThat(call("GET", "/v1/organizations/" + id, owner, null)
                        .data()
                        .get("member_count")
                        .asLong())
                .isEqualTo(1);
        assertThat(EVENTS.await("org.member-removed", id, Duration.ofSeconds(20)))
                .as("one removal for the one deletion, though it was delivered twice")
                .hasSize(1);
        assertThat(add(owner, id, doomed, "member").status())
                .as("a deleted user cannot be added")
                .isEqualTo(404);
    }

    // --- helpers ------------------------------------------------------------------------------

    /**
     * channel-service's check on a replica miss: a service account learns a user's role; a user's token is refused
     * (403), and an outsider or an unknown organization is 404.
     */
    @Test
    void theInternalMembershipCheckAnswersServicesOnly() throws Exception {
        Person ada = person();
        Person outsider = person();
        String org = create(ada);
        Person service = new Person(
                UUID.randomUUID(),
                TOKENS.token(
                        UUID.randomUUID(),
                        claims -> claims.claim("realm_access", Map.of("roles", List.of("service")))));
        String path = "/internal/organizations/" + org + "/members/";

        ApiClient.Response member = call("GET", path + ada.id(), service, null);
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        assertThat(member.data().get("role").asString()).isEqualTo("owner");
        assertThat(member.data().get("organization_id").asString()).isEqualTo(org);

        assertThat(call("GET", path + outsider.id(), service, null).status()).isEqualTo(404);
        assertThat(call("GET", "/internal/organizations/" + UUID.randomUUID() + "/members/" + ada.id(), service, null)
                        .status())
                .isEqualTo(404);
        ApiClient.Response asUser = call("GET", path + ada.id(), ada, null);
        assertThat(asUser.status()).as("a user's own token, even the owner's").isEqualTo(403);
        assertThat(asUser.errorCode()).isEqualTo("FORBIDDEN");
    }

    private Person person() {
        UUID id = UUID.randomUUID();
        INJECT.publish(
                Topics.USERS,
                UserRegistered.TYPE.name(),
                id.toString(),
                new UserRegistered(
                        id, "u" + id.toString().substring(0, 8), id + "@example.org", "User", Instant.now()));
        return new Person(id, TOKENS.token(id));
    }

    private String create(Person owner) throws Exception {
        ApiClient.Response created =
                call("POST", "/v1/organizations", owner, Map.of("name", "Org " + slug(), "slug", slug()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.data().get("id").asString();
    }

    /** Adds a member once org-service knows the user (the registration event may still be on its way). */
    private ApiClient.Response add(Person by, String organizationId, Person user, String role) throws Exception {
        INJECT.awaitConsumed("org-service.users", Topics.USERS, Duration.ofSeconds(30));
        return call(
                "POST",
                "/v1/organizations/" + organizationId + "/members",
                by,
                Map.of("user_id", user.id(), "role", role));
    }

    private ApiClient.Response call(String method, String path, Person caller, Object body) {
        return new ApiClient(port).send(method, path, caller.token(), body);
    }

    private static String slug() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
