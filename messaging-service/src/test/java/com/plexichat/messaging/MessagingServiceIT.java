package com.plexichat.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.call.CallStarted;
import com.plexichat.platform.events.channel.ChannelArchived;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.events.channel.ChannelPermissionsUpdated;
import com.plexichat.platform.events.channel.ChannelUpdated;
import com.plexichat.platform.events.file.FileDeleted;
import com.plexichat.platform.events.file.FileUploaded;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.security.SocketTokens;
import com.plexichat.platform.test.AdministratorSettings;
import com.plexichat.platform.test.ApiClient;
import com.plexichat.platform.test.EventInjector;
import com.plexichat.platform.test.EventProbe;
import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.RecordingWebSocket;
import com.plexichat.platform.test.ServiceContractIT;
import com.plexichat.platform.test.TestTokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Messages, threads, reactions, DMs and read state on real PostgreSQL and Kafka. Channels, their
 * members and permissions reach the service as channel-service's events, users as auth-service's,
 * injected here as those services publish them.
 */
@IntegrationTest
class MessagingServiceIT extends ServiceContractIT {

    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final EventInjector INJECT = new EventInjector();
    private static final AdministratorSettings SETTINGS = new AdministratorSettings(INJECT);
    private static final EventProbe EVENTS = new EventProbe(Topics.MESSAGES, Topics.USERS);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final List<String> ALL = List.of(
            "post_messages",
            "add_reactions",
            "upload_files",
            "manage_members",
            "manage_channel",
            "pin_messages",
            "start_calls");
    private static final Map<String, List<String>> DEFAULT_ROLES = Map.of(
            "admin", ALL,
            "member", List.of("post_messages", "add_reactions", "upload_files", "pin_messages", "start_calls"),
            "guest", List.of("post_messages", "add_reactions"));

    @Autowired
    MeterRegistry meters;

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

    /** A channel with an admin and a member, and someone from outside it. */
    record Channel(UUID id, Person admin, Person member, Person outsider) {}

    @Test
    void membersSendAndReadMessagesOutsidersGet404AndMentionsAreFound() throws Exception {
        Channel channel = channel();
        String content = "  Hi @" + channel.member().username() + " and @channel, see a@b.org \uD83D\uDE80\n";
        ApiClient.Response sent = send(channel.admin(), channel.id(), Map.of("content", content));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        JsonNode message = sent.data();
        String id = message.get("id").asString();
        assertThat(sent.raw().headers().firstValue("Location")).hasValue("/v1/messages/" + id);
        assertThat(message.get("content").asString()).as("stored verbatim").isEqualTo(content);
        assertThat(message.get("seq").asLong()).isEqualTo(1);
        assertThat(message.get("conversation_id").asString())
                .isEqualTo(channel.id().toString());
        assertThat(message.get("author_id").asString())
                .isEqualTo(channel.admin().id().toString());
        assertThat(message.get("deleted").asBoolean()).isFalse();
        assertThat(message.get("reply_count").asInt()).isZero();
        assertThat(strings(message.get("mentions")))
                .containsExactly(channel.member().username(), "channel");

        JsonNode event = EVENTS.awaitOne("message.sent", channel.id().toString(), WAIT)
                .orElseThrow()
                .get("data");
        assertThat(event.get("message_id").asString()).isEqualTo(id);
        assertThat(event.get("seq").asLong()).isEqualTo(1);
        assertThat(strings(event.get("mentioned_user_ids")))
                .containsExactly(channel.member().id().toString());

        assertThat(call("GET", "/v1/messages/" + id, channel.member(), null)
                        .data()
                        .get("content")
                        .asString())
                .isEqualTo(content);
        assertThat(call("GET", "/v1/messages/" + id, channel.outsider(), null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/channels/" + channel.id() + "/messages", channel.outsider(), null)
                        .status())
                .isEqualTo(404);
        assertThat(send(channel.outsider(), channel.id(), Map.of("content", "let me in"))
                        .status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/channels/" + UUID.randomUUID() + "/messages", channel.member(), null)
                        .status())
                .isEqualTo(404);

        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("content", ""),
                Map.<String, Object>of("content", "   "),
                Map.<String, Object>of("content", "x".repeat(4001)),
                Map.<String, Object>of("content", "nul \u0000 inside"),
                Map.<String, Object>of("content", "x", "seq", 7),
                Map.<String, Object>of("content", "x", "client_msg_id", "has space"),
                Map.<String, Object>of("content", "x", "attachments", List.of("not-a-uuid")),
                Map.<String, Object>of("text", "x"))) {
            ApiClient.Response refused = send(channel.member(), channel.id(), bad);
            assertThat(refused.status())
                    .as(bad.toString().substring(0, Math.min(60, bad.toString().length())))
                    .isEqualTo(400);
            assertThat(refused.body()).doesNotContain("Exception");
        }
        assertThat(send(channel.member(), channel.id(), Map.of("content", "\uD83D\uDE80".repeat(4000)))
                        .status())
                .as("4000 characters, counted as characters, not UTF-16 units")
                .isEqualTo(201);
    }

    @Test
    void theAdministratorsMessageLimitsApplyWithoutARestart() {
        Channel channel = channel();
        String id = send(channel.member(), channel.id(), Map.of("content", "before the change"))
                .data()
                .get("id")
                .asString();
        try {
            SETTINGS.publish("messages.max_length", 10, "messages.edit_window_seconds", 1);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> send(channel.member(), channel.id(), Map.of("content", "eleven char"))
                                    .status()
                            == 400);
            ApiClient.Response tooLong = send(channel.member(), channel.id(), Map.of("content", "eleven char"));
            assertThat(tooLong.field()).isEqualTo("content");
            assertThat(tooLong.body()).contains("at most 10 characters");
            assertThat(send(channel.member(), channel.id(), Map.of("content", "ten chars!"))
                            .status())
                    .isEqualTo(201);
            // A second after it was sent, the message is no longer its author's to edit.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> call("PUT", "/v1/messages/" + id, channel.member(), Map.of("content", "late"))
                                    .status()
                            == 422);
            ApiClient.Response late = call("PUT", "/v1/messages/" + id, channel.member(), Map.of("content", "late"));
            assertThat(late.details().get("reason").asString()).isEqualTo("edit_window_passed");
        } finally {
            SETTINGS.restore();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> call("PUT", "/v1/messages/" + id, channel.member(), Map.of("content", "edited later"))
                                .status()
                        == 200);
    }

    @Test
    void theSameClientMsgIdFromTheSameAuthorIsOneMessage() throws Exception {
        Channel channel = channel();
        Map<String, Object> body = Map.of("content", "once", "client_msg_id", "c-17");
        ApiClient.Response first = send(channel.member(), channel.id(), body);
        ApiClient.Response again = send(channel.member(), channel.id(), body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status())
                .as("a retry answers 200 with the first message")
                .isEqualTo(200);
        assertThat(again.data().get("id").asString())
                .isEqualTo(first.data().get("id").asString());
        assertThat(again.data().get("client_msg_id").asString()).isEqualTo("c-17");
        ApiClient.Response otherAuthor = send(channel.admin(), channel.id(), body);
        assertThat(otherAuthor.status()).as("another author's id is their own").isEqualTo(201);
        assertThat(otherAuthor.data().get("seq").asLong()).isEqualTo(2);
        assertThat(EVENTS.await("message.sent", channel.id().toString(), WAIT)).hasSize(2);
    }

    @Test
    void fiftyConcurrentSendersGetGapFreeDistinctSeqs() throws Exception {
        Channel channel = channel();
        List<Person> senders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Person sender = person();
            senders.add(sender);
            memberAdded(channel.id(), sender, "member");
        }
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);

        List<Callable<ApiClient.Response>> sends = new ArrayList<>();
        for (Person sender : senders) {
            sends.add(() -> send(sender, channel.id(), Map.of("content", "from " + sender.username())));
        }
        List<Long> seqs = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<ApiClient.Response> result : pool.invokeAll(sends)) {
                assertThat(result.get().status()).as(result.get().body()).isEqualTo(201);
                seqs.add(result.get().data().get("seq").asLong());
            }
        }
        assertThat(seqs)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        JsonNode all = call(
                        "GET",
                        "/v1/channels/" + channel.id() + "/messages?after_seq=0&limit=100",
                        channel.admin(),
                        null)
                .data();
        List<Long> listed = new ArrayList<>();
        all.forEach(m -> listed.add(m.get("seq").asLong()));
        assertThat(listed)
                .isEqualTo(
                        java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void listsPageByCursorsNewestFirstAndCatchUpAfterASeq() throws Exception {
        Channel channel = channel();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            ids.add(send(channel.member(), channel.id(), Map.of("content", "m" + i))
                    .data()
                    .get("id")
                    .asString());
        }
        String path = "/v1/channels/" + channel.id() + "/messages";
        JsonNode newest = call("GET", path + "?limit=3", channel.member(), null).json();
        assertThat(seqs(newest)).containsExactly(7L, 6L, 5L);
        assertThat(newest.get("pagination").get("has_more").asBoolean()).isTrue();
        assertThat(newest.get("pagination").get("limit").asInt()).isEqualTo(3);
        String next = newest.get("pagination").get("next_cursor").asString();
        assertThat(next).isEqualTo(ids.get(4));
        JsonNode older = call("GET", path + "?limit=3&before=" + next, channel.member(), null)
                .json();
        assertThat(seqs(older)).containsExactly(4L, 3L, 2L);
        JsonNode oldest = call(
                        "GET",
                        path + "?limit=3&before="
                                + older.get("pagination").get("next_cursor").asString(),
                        channel.member(),
                        null)
                .json();
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.get("pagination").get("has_more").asBoolean()).isFalse();

        assertThat(seqs(call("GET", path + "?after_seq=5", channel.member(), null)
                        .json()))
                .as("catching up: oldest first")
                .containsExactly(6L, 7L);
        assertThat(seqs(call("GET", path + "?after=" + ids.get(1) + "&limit=2", channel.member(), null)
                        .json()))
                .containsExactly(3L, 4L);
        assertThat(seqs(call("GET", path + "?after_seq=7", channel.member(), null)
                        .json()))
                .isEmpty();
        JsonNode page =
                call("GET", path + "?page=2&per_page=3", channel.member(), null).json();
        assertThat(seqs(page)).containsExactly(4L, 3L, 2L);
        assertThat(page.get("pagination").get("total").asLong()).isEqualTo(7);

        Channel other = channel();
        String foreign = send(other.member(), other.id(), Map.of("content", "elsewhere"))
                .data()
                .get("id")
                .asString();
        for (String query : List.of(
                "?before=" + foreign,
                "?limit=0",
                "?limit=101",
                "?after_seq=-1",
                "?before=" + ids.get(3) + "&after=" + ids.get(1),
                "?page=1&after_seq=2",
                "?before=nope")) {
            assertThat(call("GET", path + query, channel.member(), null).status())
                    .as(query)
                    .isEqualTo(400);
        }
    }

    @Test
    void authorsEditWithHistoryAndAuthorsOrChannelAdminsDeleteToATombstone() throws Exception {
        Channel channel = channel();
        String id = send(channel.member(), channel.id(), Map.of("content", "first draft"))
                .data()
                .get("id")
                .asString();
        assertThat(call("PUT", "/v1/messages/" + id, channel.admin(), Map.of("content", "not yours"))
                        .status())
                .isEqualTo(403);
        ApiClient.Response edited = call("PUT", "/v1/messages/" + id, channel.member(), Map.of("content", "second"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.data().get("content").asString()).isEqualTo("second");
        assertThat(edited.data().get("edited_at").isNull()).isFalse();
        call("PUT", "/v1/messages/" + id, channel.member(), Map.of("content", "third"));
        JsonNode history = call("GET", "/v1/messages/" + id + "/history", channel.admin(), null)
                .data();
        assertThat(history.valueStream().map(v -> v.get("content").asString()))
                .containsExactly("first draft", "second", "third");
        assertThat(history.get(2).get("current").asBoolean()).isTrue();
        assertThat(EVENTS.await("message.edited", channel.id().toString(), WAIT))
                .hasSizeGreaterThanOrEqualTo(1);
        assertThat(call("PUT", "/v1/messages/" + id, channel.member(), Map.of("content", ""))
                        .status())
                .isEqualTo(400);

        String admins = send(channel.admin(), channel.id(), Map.of("content", "from the admin"))
                .data()
                .get("id")
                .asString();
        assertThat(call("DELETE", "/v1/messages/" + admins, channel.member(), null)
                        .status())
                .as("members delete only their own")
                .isEqualTo(403);
        assertThat(call("DELETE", "/v1/messages/" + id, channel.admin(), null).status())
                .as("a channel admin deletes any")
                .isEqualTo(204);
        assertThat(call("DELETE", "/v1/messages/" + id, channel.member(), null).status())
                .isEqualTo(204);
        JsonNode tombstone =
                call("GET", "/v1/messages/" + id, channel.member(), null).data();
        assertThat(tombstone.get("deleted").asBoolean()).isTrue();
        assertThat(tombstone.get("content").isNull()).isTrue();
        assertThat(tombstone.get("seq").asLong()).isEqualTo(1);
        assertThat(seqs(call("GET", "/v1/channels/" + channel.id() + "/messages", channel.member(), null)
                        .json()))
                .as("the tombstone keeps its place")
                .containsExactly(2L, 1L);
        assertThat(call("PUT", "/v1/messages/" + id, channel.member(), Map.of("content", "undo"))
                        .status())
                .isEqualTo(422);
        assertThat(call("GET", "/v1/messages/" + id + "/history", channel.member(), null)
                        .data()
                        .size())
                .as("a deleted message keeps no history")
                .isZero();
        assertThat(EVENTS.await("message.deleted", channel.id().toString(), WAIT))
                .as("deleted once, though asked twice")
                .hasSize(1);
    }

    @Test
    void reactionsAreOnePerUserAndEmojiWithCountsAndMe() throws Exception {
        Channel channel = channel();
        String id = send(channel.member(), channel.id(), Map.of("content", "ship it?"))
                .data()
                .get("id")
                .asString();
        String thumbs = "\uD83D\uDC4D";
        assertThat(react(channel.member(), id, thumbs).status()).isEqualTo(201);
        assertThat(react(channel.member(), id, thumbs).status())
                .as("again: the same reaction")
                .isEqualTo(200);
        ApiClient.Response second = react(channel.admin(), id, thumbs);
        assertThat(second.status()).isEqualTo(201);
        assertThat(react(channel.admin(), id, ":tada:").status()).isEqualTo(201);
        assertThat(react(channel.admin(), id, "\uD83D\uDC4D\uD83C\uDFFD").status())
                .as("with a skin tone")
                .isEqualTo(201);
        for (String bad : List.of("abc", "", "tada", ":no spaces:", "1", "\uD83D\uDC4D".repeat(20))) {
            assertThat(react(channel.admin(), id, bad).status()).as(bad).isEqualTo(400);
        }

        JsonNode reactions =
                call("GET", "/v1/messages/" + id, channel.member(), null).data().get("reactions");
        assertThat(reactions.get(0).get("emoji").asString()).isEqualTo(thumbs);
        assertThat(reactions.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(reactions.get(0).get("me").asBoolean()).isTrue();
        assertThat(reactions.get(1).get("me").asBoolean()).isFalse();

        String encoded = URLEncoder.encode(thumbs, StandardCharsets.UTF_8);
        assertThat(call("DELETE", "/v1/messages/" + id + "/reactions/" + encoded, channel.member(), null)
                        .status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/v1/messages/" + id + "/reactions/:tada:", channel.admin(), null)
                        .status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/v1/messages/" + id + "/reactions/:tada:", channel.admin(), null)
                        .status())
                .isEqualTo(204);
        JsonNode after =
                call("GET", "/v1/messages/" + id, channel.member(), null).data().get("reactions");
        assertThat(after.get(0).get("count").asLong()).isEqualTo(1);
        assertThat(after.get(0).get("me").asBoolean()).isFalse();
        assertThat(after.size()).isEqualTo(2);
        assertThat(EVENTS.await("reaction.removed", channel.id().toString(), WAIT))
                .hasSize(2);
        assertThat(react(channel.outsider(), id, thumbs).status()).isEqualTo(404);
    }

    @Test
    void aMessageTakesAtMostFiftyDifferentEmojiEvenWhenTheLastOnesRace() throws Exception {
        Channel channel = channel();
        String id = posted(channel.member(), channel.id(), "react away");
        for (int i = 1; i <= 49; i++) {
            assertThat(react(channel.member(), id, ":e" + i + ":").status()).isEqualTo(201);
        }
        // Five new emoji at once for the one place left: exactly one gets it.
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 50; i < 55; i++) {
            String emoji = ":e" + i + ":";
            racers.add(() -> react(channel.admin(), id, emoji).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (Future<Integer> status : pool.invokeAll(racers)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 422, 422, 422, 422);

        ApiClient.Response refused = react(channel.member(), id, ":one-too-many:");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.details().get("reason").asString()).isEqualTo("too_many_emoji");
        assertThat(refused.details().get("max_distinct_emoji").asInt()).isEqualTo(50);
        assertThat(react(channel.admin(), id, ":e1:").status())
                .as("one more of an emoji already there")
                .isEqualTo(201);
        JsonNode reactions =
                call("GET", "/v1/messages/" + id, channel.member(), null).data().get("reactions");
        assertThat(reactions.size()).isEqualTo(50);

        assertThat(call("DELETE", "/v1/messages/" + id + "/reactions/:e2:", channel.member(), null)
                        .status())
                .isEqualTo(204);
        assertThat(react(channel.member(), id, ":one-too-many:").status())
                .as("a place freed")
                .isEqualTo(201);
    }

    @Test
    void anArchivedChannelIsReadOnlyForEveryoneAndAnAuthorWhoMayNoLongerPostCannotEdit() throws Exception {
        Channel channel = channel();
        String own = posted(channel.member(), channel.id(), "mine");
        assertThat(react(channel.member(), own, ":eyes:").status()).isEqualTo(201);

        INJECT.publish(
                Topics.CHANNELS,
                ChannelArchived.TYPE.name(),
                channel.id().toString(),
                new ChannelArchived(
                        channel.id(), UUID.randomUUID(), channel.admin().id(), Instant.now()));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        List<ApiClient.Response> refused = List.of(
                send(channel.member(), channel.id(), Map.of("content", "after")),
                call("PUT", "/v1/messages/" + own, channel.member(), Map.of("content", "edited")),
                call("DELETE", "/v1/messages/" + own, channel.member(), null),
                call("DELETE", "/v1/messages/" + own, channel.admin(), null),
                react(channel.admin(), own, ":tada:"),
                call("DELETE", "/v1/messages/" + own + "/reactions/:eyes:", channel.member(), null),
                call("POST", "/v1/messages/" + own + "/thread", channel.admin(), Map.of("content", "reply")));
        for (ApiClient.Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.details().get("reason").asString()).isEqualTo("channel_archived");
        }
        JsonNode kept =
                call("GET", "/v1/messages/" + own, channel.member(), null).data();
        assertThat(kept.get("content").asString()).isEqualTo("mine");
        assertThat(kept.get("deleted").asBoolean()).isFalse();
        assertThat(kept.get("reactions").size()).isEqualTo(1);

        INJECT.publish(
                Topics.CHANNELS,
                ChannelUpdated.TYPE.name(),
                channel.id().toString(),
                new ChannelUpdated(channel.id(), UUID.randomUUID(), "c", null, false, Instant.now()));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        assertThat(call("PUT", "/v1/messages/" + own, channel.member(), Map.of("content", "edited"))
                        .status())
                .as("unarchived")
                .isEqualTo(200);

        Map<String, List<String>> readOnly = new HashMap<>(DEFAULT_ROLES);
        readOnly.put("member", List.of("add_reactions"));
        INJECT.publish(
                Topics.CHANNELS,
                ChannelPermissionsUpdated.TYPE.name(),
                channel.id().toString(),
                new ChannelPermissionsUpdated(channel.id(), UUID.randomUUID(), readOnly, Instant.now()));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        ApiClient.Response muted =
                call("PUT", "/v1/messages/" + own, channel.member(), Map.of("content", "edited again"));
        assertThat(muted.status()).as(muted.body()).isEqualTo(403);
        assertThat(call("GET", "/v1/messages/" + own, channel.member(), null)
                        .data()
                        .get("content")
                        .asString())
                .isEqualTo("edited");
    }

    @Test
    void repliesFormOneLevelThreadsAndCountOnTheRoot() throws Exception {
        Channel channel = channel();
        String root = send(channel.admin(), channel.id(), Map.of("content", "release plan"))
                .data()
                .get("id")
                .asString();
        ApiClient.Response first =
                call("POST", "/v1/messages/" + root + "/thread", channel.member(), Map.of("content", "+1"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.data().get("thread_root_id").asString()).isEqualTo(root);
        String firstId = first.data().get("id").asString();
        ApiClient.Response toReply =
                call("POST", "/v1/messages/" + firstId + "/thread", channel.admin(), Map.of("content", "thanks"));
        assertThat(toReply.data().get("thread_root_id").asString())
                .as("a reply to a reply joins the root's thread")
                .isEqualTo(root);
        ApiClient.Response viaChannel =
                send(channel.member(), channel.id(), Map.of("content", "also", "thread_root_id", root));
        assertThat(viaChannel.status()).isEqualTo(201);

        assertThat(call("GET", "/v1/messages/" + root, channel.member(), null)
                        .data()
                        .get("reply_count")
                        .asInt())
                .isEqualTo(3);
        JsonNode thread = call("GET", "/v1/messages/" + root + "/thread?limit=2", channel.member(), null)
                .json();
        assertThat(thread.get("data").valueStream().map(m -> m.get("content").asString()))
                .containsExactly("release plan", "+1", "thanks");
        assertThat(thread.get("pagination").get("has_more").asBoolean()).isTrue();
        JsonNode rest = call(
                        "GET",
                        "/v1/messages/" + root + "/thread?after="
                                + thread.get("pagination").get("next_cursor").asString(),
                        channel.member(),
                        null)
                .json();
        assertThat(rest.get("data").valueStream().map(m -> m.get("content").asString()))
                .containsExactly("also");
        assertThat(EVENTS.awaitMatching(
                        "message.sent",
                        channel.id().toString(),
                        e -> e.get("data").get("reply_count").asInt() == 3,
                        WAIT))
                .isPresent();

        Channel other = channel();
        ApiClient.Response foreignRoot =
                send(other.member(), other.id(), Map.of("content", "x", "thread_root_id", root));
        assertThat(foreignRoot.status()).isEqualTo(404);
        assertThat(foreignRoot.field()).isEqualTo("thread_root_id");
        assertThat(call("GET", "/v1/messages/" + root + "/thread", channel.outsider(), null)
                        .status())
                .isEqualTo(404);
        assertThat(call("POST", "/v1/messages/" + root + "/thread", channel.outsider(), Map.of("content", "hi"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theSameParticipantsHaveOneDirectConversationWhichOthersCannotSee() throws Exception {
        Person ada = person();
        Person bob = person();
        Person cy = person();
        Person eve = person();
        colleagues(ada, bob, cy);
        INJECT.awaitConsumed("messaging-service.users", Topics.USERS, WAIT);

        ApiClient.Response opened = dm(ada, List.of(bob.id()));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.data().get("id").asString();
        assertThat(strings(opened.data().get("participant_ids")))
                .containsExactlyInAnyOrder(ada.id().toString(), bob.id().toString());
        ApiClient.Response reopened = dm(bob, List.of(ada.id(), bob.id()));
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.data().get("id").asString()).isEqualTo(id);
        String group = dm(ada, List.of(bob.id(), cy.id())).data().get("id").asString();
        assertThat(group).isNotEqualTo(id);
        assertThat(EVENTS.awaitOne("dm.created", id, WAIT)).isPresent();

        List<UUID> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(UUID.randomUUID());
        }
        assertThat(dm(ada, nine).status()).isEqualTo(400);
        assertThat(dm(ada, List.of()).status()).isEqualTo(400);
        assertThat(dm(ada, List.of(ada.id())).status()).as("oneself only").isEqualTo(400);
        ApiClient.Response unknown = dm(ada, List.of(UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("participant_ids");

        String path = "/v1/dm/conversations/" + id;
        assertThat(call("POST", path + "/messages", bob, Map.of("content", "hey ada"))
                        .status())
                .isEqualTo(201);
        assertThat(seqs(call("GET", path + "/messages", ada, null).json())).containsExactly(1L);
        assertThat(call("GET", path, eve, null).status()).isEqualTo(404);
        assertThat(call("GET", path + "/messages", eve, null).status()).isEqualTo(404);
        assertThat(call("POST", path + "/messages", eve, Map.of("content", "psst"))
                        .status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/channels/" + id + "/messages", ada, null).status())
                .as("a DM is not a channel")
                .isEqualTo(404);

        JsonNode mine = call("GET", "/v1/dm/conversations", ada, null).json();
        assertThat(mine.get("data").valueStream().map(c -> c.get("id").asString()))
                .as("most recently active first")
                .containsExactly(id, group);
        assertThat(mine.get("data").get(0).get("last_seq").asLong()).isEqualTo(1);
        assertThat(call("GET", "/v1/dm/conversations", eve, null).data().size()).isZero();
    }

    @Test
    void directMessagesOpenOnlyWithPeopleWhoShareAnOrganizationUnlessTheDirectoryIsOpen() {
        Person ada = person();
        Person bob = person();
        Person stranger = person();
        colleagues(ada, bob);
        INJECT.awaitConsumed("messaging-service.users", Topics.USERS, WAIT);

        ApiClient.Response refused = dm(stranger, List.of(ada.id()));
        assertThat(refused.status())
                .as("someone outside all of ada's organizations is told no such user")
                .isEqualTo(404);
        assertThat(refused.field()).isEqualTo("participant_ids");
        assertThat(dm(ada, List.of(bob.id(), stranger.id())).status())
                .as("one stranger among colleagues refuses the whole set")
                .isEqualTo(404);
        assertThat(call("GET", "/v1/dm/conversations", ada, null).data().size())
                .as("nothing was opened")
                .isZero();
        Person admin = new Person(
                stranger.id(),
                stranger.username(),
                TOKENS.token(stranger.id(), c -> c.claim("realm_access", Map.of("roles", List.of("admin")))));
        assertThat(dm(admin, List.of(ada.id())).status())
                .as("administrators reach everyone")
                .isEqualTo(201);

        Person other = person();
        try {
            SETTINGS.publish("directory.visibility", "everyone");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> dm(other, List.of(ada.id())).status() == 201);
        } finally {
            SETTINGS.restore();
        }
        Person late = person();
        INJECT.awaitConsumed("messaging-service.users", Topics.USERS, WAIT);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> dm(late, List.of(ada.id())).status() == 404);
        assertThat(call("GET", "/v1/dm/conversations", other, null).data().size())
                .as("a conversation opened while the directory was open stays")
                .isEqualTo(1);
    }

    @Test
    void aLateOlderChannelEventRestoresNoAccessAndRevivesNoChannel() {
        UUID id = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        Person admin = person();
        Person member = person();
        String path = "/v1/channels/" + id + "/messages";
        versioned(
                id,
                1,
                ChannelCreated.TYPE.name(),
                new ChannelCreated(id, org, "c-" + id, "public", null, admin.id(), DEFAULT_ROLES, Instant.now()));
        versioned(id, 2, ChannelMemberAdded.TYPE.name(), added(id, org, admin, "admin"));
        versioned(id, 3, ChannelMemberAdded.TYPE.name(), added(id, org, member, "member"));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        assertThat(call("GET", path, member, null).status()).isEqualTo(200);

        versioned(
                id,
                5,
                ChannelMemberRemoved.TYPE.name(),
                new ChannelMemberRemoved(id, org, member.id(), "removed", Instant.now()));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        assertThat(call("GET", path, member, null).status()).isEqualTo(404);
        // Version 4 re-added them before the removal; the outbox retried it, and it arrives only now.
        versioned(id, 4, ChannelMemberAdded.TYPE.name(), added(id, org, member, "member"));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        assertThat(call("GET", path, member, null).status())
                .as("the removal is newer: the late add changes nothing")
                .isEqualTo(404);
        versioned(id, 6, ChannelMemberAdded.TYPE.name(), added(id, org, member, "member"));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        assertThat(call("GET", path, member, null).status())
                .as("added again, for real")
                .isEqualTo(200);

        versioned(id, 8, ChannelDeleted.TYPE.name(), new ChannelDeleted(id, org, Instant.now()));
        versioned(id, 7, ChannelMemberAdded.TYPE.name(), added(id, org, admin, "admin"));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        assertThat(call("GET", path, admin, null).status())
                .as("no late event brings a deleted channel back")
                .isEqualTo(404);
    }

    private static void versioned(UUID channelId, long version, String type, Object data) {
        INJECT.publishVersioned(Topics.CHANNELS, type, channelId.toString(), version, data);
    }

    private static ChannelMemberAdded added(UUID channelId, UUID org, Person person, String role) {
        return new ChannelMemberAdded(channelId, org, person.id(), role, role, Instant.now());
    }

    /** Puts these people in one new organization (org-service's events), as colleagues who may DM each other. */
    private static void colleagues(Person... people) {
        UUID org = UUID.randomUUID();
        for (Person person : people) {
            INJECT.publish(
                    Topics.ORGS,
                    OrgMemberAdded.TYPE.name(),
                    org.toString(),
                    new OrgMemberAdded(org, person.id(), "member", Instant.now()));
        }
        INJECT.awaitConsumed("messaging-service.orgs", Topics.ORGS, WAIT);
    }

    @Test
    void unreadCountsFollowReadMarkersAndCountMentions() throws Exception {
        Channel channel = channel();
        Person reader = channel.member();
        send(channel.admin(), channel.id(), Map.of("content", "morning"));
        send(channel.admin(), channel.id(), Map.of("content", "@" + reader.username() + " can you review?"));
        send(channel.admin(), channel.id(), Map.of("content", "@channel standup in 5"));
        send(reader, channel.id(), Map.of("content", "my own words"));
        send(channel.admin(), channel.id(), Map.of("content", "after yours"));

        JsonNode unread = unreadOf(reader, channel.id());
        assertThat(unread.get("unread_count").asLong())
                .as("writing marks what came before as read")
                .isEqualTo(1);
        assertThat(unread.get("mention_count").asLong()).isZero();

        ApiClient.Response back = call("POST", "/v1/channels/" + channel.id() + "/read", reader, Map.of("seq", 0));
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.data().get("last_read_seq").asLong())
                .as("markers never move back")
                .isEqualTo(4);
        ApiClient.Response all = call("POST", "/v1/channels/" + channel.id() + "/read", reader, Map.of("seq", 999));
        assertThat(all.data().get("last_read_seq").asLong())
                .as("nor past the last message")
                .isEqualTo(5);
        assertThat(unreadOf(reader, channel.id())).isNull();
        assertThat(EVENTS.await("conversation.read", channel.id().toString(), WAIT))
                .isNotEmpty();

        Person fresh = person();
        memberAdded(channel.id(), fresh, "member");
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        JsonNode mentions = unreadOf(fresh, channel.id());
        assertThat(mentions.get("unread_count").asLong()).isEqualTo(5);
        assertThat(mentions.get("mention_count").asLong()).as("@channel only").isEqualTo(1);
        assertThat(mentions.get("type").asString()).isEqualTo("channel");
        assertThat(call("POST", "/v1/channels/" + channel.id() + "/read", fresh, Map.of("seq", 3))
                        .status())
                .isEqualTo(200);
        assertThat(unreadOf(fresh, channel.id()).get("unread_count").asLong()).isEqualTo(2);

        assertThat(call("POST", "/v1/channels/" + channel.id() + "/read", channel.outsider(), Map.of("seq", 1))
                        .status())
                .isEqualTo(404);
        assertThat(call("POST", "/v1/channels/" + channel.id() + "/read", reader, Map.of("seq", -1))
                        .status())
                .isEqualTo(400);

        Person ada = person();
        colleagues(ada, reader);
        INJECT.awaitConsumed("messaging-service.users", Topics.USERS, WAIT);
        String dm = dm(ada, List.of(reader.id())).data().get("id").asString();
        call("POST", "/v1/dm/conversations/" + dm + "/messages", ada, Map.of("content", "psst"));
        JsonNode direct = unreadOf(reader, UUID.fromString(dm));
        assertThat(direct.get("unread_count").asLong()).isEqualTo(1);
        assertThat(direct.get("type").asString()).isEqualTo("dm");
        assertThat(call("POST", "/v1/dm/conversations/" + dm + "/read", reader, Map.of("seq", 1))
                        .status())
                .isEqualTo(200);
        assertThat(unreadOf(reader, UUID.fromString(dm))).isNull();
    }

    @Test
    void membershipAndPermissionChangesFromChannelServiceTakeEffect() throws Exception {
        Channel channel = channel();
        assertThat(send(channel.member(), channel.id(), Map.of("content", "before"))
                        .status())
                .isEqualTo(201);

        Map<String, List<String>> announcement = new HashMap<>(DEFAULT_ROLES);
        announcement.put("member", List.of("add_reactions"));
        INJECT.publish(
                Topics.CHANNELS,
                ChannelPermissionsUpdated.TYPE.name(),
                channel.id().toString(),
                new ChannelPermissionsUpdated(channel.id(), UUID.randomUUID(), announcement, Instant.now()));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        ApiClient.Response muted = send(channel.member(), channel.id(), Map.of("content", "still here?"));
        assertThat(muted.status()).as("an announcement channel: members read").isEqualTo(403);
        assertThat(send(channel.admin(), channel.id(), Map.of("content", "news"))
                        .status())
                .isEqualTo(201);

        INJECT.publish(
                Topics.CHANNELS,
                ChannelMemberRemoved.TYPE.name(),
                channel.id().toString(),
                new ChannelMemberRemoved(
                        channel.id(), UUID.randomUUID(), channel.member().id(), "removed", Instant.now()));
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                call("GET", "/v1/channels/" + channel.id() + "/messages", channel.member(), null)
                                        .status())
                        .isEqualTo(404));
    }

    // --- WebSockets ---------------------------------------------------------------------------

    @Test
    void membersSocketsReceiveAMessageSentOverRestAndASocketElsewhereDoesNot() throws Exception {
        Channel channel = channel();
        Channel elsewhere = channel();
        RecordingWebSocket everything = socket("/v1/ws/connect", channel.admin(), true);
        RecordingWebSocket narrow = socket("/v1/ws/channels/" + channel.id(), channel.member(), false);
        RecordingWebSocket other = socket("/v1/ws/connect", elsewhere.member(), false);
        for (RecordingWebSocket ws : List.of(everything, narrow, other)) {
            JsonNode hello = awaitFrame(ws, "hello", null);
            assertThat(hello.get("data").get("frames_per_minute").asInt()).isEqualTo(100);
        }

        String id = send(channel.member(), channel.id(), Map.of("content", "live!"))
                .data()
                .get("id")
                .asString();
        send(elsewhere.admin(), elsewhere.id(), Map.of("content", "over there"));
        for (RecordingWebSocket ws : List.of(everything, narrow)) {
            JsonNode frame = awaitFrame(
                    ws,
                    "message.sent",
                    f -> f.get("data").get("message_id").asString().equals(id));
            assertThat(frame.get("seq").asLong()).isEqualTo(1);
            assertThat(frame.get("conversation_id").asString())
                    .isEqualTo(channel.id().toString());
            assertThat(frame.get("data").get("content").asString()).isEqualTo("live!");
        }
        awaitFrame(
                other,
                "message.sent",
                f -> f.get("data").get("content").asString().equals("over there"));
        assertThat(frames(other, "message.sent"))
                .as("the other channel's socket got its own channel's message, and only that")
                .hasSize(1);
        assertThat(frames(narrow, "message.sent")).hasSize(1);

        call("PUT", "/v1/messages/" + id, channel.member(), Map.of("content", "live, edited"));
        react(channel.admin(), id, ":tada:");
        awaitFrame(narrow, "message.edited", f -> f.get("seq").asLong() == 1);
        awaitFrame(
                narrow,
                "reaction.added",
                f -> f.get("data").get("emoji").asString().equals(":tada:"));
    }

    @Test
    void aSocketReconnectingWithAfterSeqGetsExactlyWhatItMissed() throws Exception {
        Channel channel = channel();
        for (int i = 1; i <= 3; i++) {
            send(channel.admin(), channel.id(), Map.of("content", "before " + i));
        }
        RecordingWebSocket first = socket("/v1/ws/channels/" + channel.id() + "?after_seq=1", channel.member(), false);
        awaitFrame(first, "message.sent", f -> f.get("seq").asLong() == 3);
        send(channel.admin(), channel.id(), Map.of("content", "while connected"));
        awaitFrame(first, "message.sent", f -> f.get("seq").asLong() == 4);
        assertThat(seqsOf(first)).containsExactly(2L, 3L, 4L);
        first.close();
        String member = channel.member().id().toString();
        JsonNode opened = EVENTS.awaitOne("connection.opened", member, WAIT).orElseThrow();
        JsonNode closed = EVENTS.awaitOne("connection.closed", member, WAIT).orElseThrow();
        assertThat(closed.get("data").get("connection_id").asString())
                .as("presence learns of the socket's opening and closing")
                .isEqualTo(opened.get("data").get("connection_id").asString());

        send(channel.admin(), channel.id(), Map.of("content", "missed 5"));
        send(channel.admin(), channel.id(), Map.of("content", "missed 6"));
        RecordingWebSocket again = socket("/v1/ws/channels/" + channel.id() + "?after_seq=4", channel.member(), false);
        awaitFrame(again, "message.sent", f -> f.get("seq").asLong() == 6);
        send(channel.admin(), channel.id(), Map.of("content", "live 7"));
        awaitFrame(again, "message.sent", f -> f.get("seq").asLong() == 7);
        assertThat(seqsOf(again)).as("nothing missed, nothing twice").containsExactly(5L, 6L, 7L);
        assertThat(again.received().getFirst()).contains("\"hello\"");
    }

    @Test
    void aDmCallRingsTheOthersSocketsAndTellsEveryoneItStarted() throws Exception {
        Person caller = person();
        Person callee = person();
        colleagues(caller, callee);
        INJECT.awaitConsumed("messaging-service.users", Topics.USERS, WAIT);
        UUID dm = UUID.fromString(
                dm(caller, List.of(callee.id())).data().get("id").asString());
        RecordingWebSocket calling = socket("/v1/ws/connect", caller, false);
        RecordingWebSocket rung = socket("/v1/ws/connect", callee, false);
        awaitFrame(calling, "hello", null);
        awaitFrame(rung, "hello", null);

        UUID call = UUID.randomUUID();
        INJECT.publish(
                Topics.CALLS,
                CallStarted.TYPE.name(),
                call.toString(),
                new CallStarted(call, dm, "dm", "video", "ringing", caller.id(), List.of(callee.id()), Instant.now()));
        JsonNode ringing = awaitFrame(rung, "call.ringing", null);
        assertThat(ringing.get("data").get("call_id").asString()).isEqualTo(call.toString());
        assertThat(ringing.get("conversation_id").asString()).isEqualTo(dm.toString());
        awaitFrame(calling, "call.started", null);
        awaitFrame(rung, "call.started", null);
        assertThat(frames(calling, "call.ringing")).as("the caller is not rung").isEmpty();
        calling.close();
        rung.close();
    }

    @Test
    void typingReachesTheOthersPingIsAnsweredAndTheFrameLimitTrips() throws Exception {
        Channel channel = channel();
        RecordingWebSocket typist = socket("/v1/ws/connect", channel.member(), false);
        RecordingWebSocket watcher = socket("/v1/ws/channels/" + channel.id(), channel.admin(), false);
        awaitFrame(typist, "hello", null);
        awaitFrame(watcher, "hello", null);

        typist.send("{\"type\":\"typing\",\"conversation_id\":\"" + channel.id() + "\"}");
        JsonNode typing = awaitFrame(watcher, "typing.started", null);
        assertThat(typing.get("data").get("user_id").asString())
                .isEqualTo(channel.member().id().toString());
        typist.send("{\"type\":\"ping\"}");
        awaitFrame(typist, "pong", null);
        assertThat(frames(typist, "typing.started"))
                .as("not echoed to the typist")
                .isEmpty();
        typist.send("{\"type\":\"typing\",\"conversation_id\":\"" + UUID.randomUUID() + "\"}");
        awaitFrame(typist, "error", f -> f.get("data").get("code").asString().equals("NOT_FOUND"));
        typist.send("not json");
        awaitFrame(typist, "error", f -> f.get("data").get("code").asString().equals("INVALID_FRAME"));

        RecordingWebSocket flooder = socket("/v1/ws/connect", channel.outsider(), false);
        awaitFrame(flooder, "hello", null);
        for (int i = 0; i < 100; i++) {
            flooder.send("{\"type\":\"ping\"}");
        }
        flooder.send("{\"type\":\"ping\"}");
        awaitFrame(flooder, "error", f -> f.get("data").get("code").asString().equals("RATE_LIMITED"));
        assertThat(frames(flooder, "pong")).hasSize(100);
        for (int i = 0; i < 12; i++) {
            try {
                flooder.send("{\"type\":\"ping\"}");
            } catch (Exception closed) {
                break;
            }
        }
        assertThat(flooder.closeCode(WAIT)).as("policy violation").isEqualTo(1008);
    }

    @Test
    void handshakesNeedATokenAndReadAccessAndFramesHaveAMaximumSize() throws Exception {
        Channel channel = channel();
        awaitSocketsReady();
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("ws://127.0.0.1:" + port);
        assertThatThrownBy(() -> RecordingWebSocket.connect(http, base.resolve("/v1/ws/connect")))
                .as("no token")
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> RecordingWebSocket.connect(
                        http, base.resolve("/v1/ws/connect?token=" + TOKENS.tokenWithUnknownKey(UUID.randomUUID()))))
                .as("a token from an unknown key")
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> socket("/v1/ws/channels/" + channel.id(), channel.outsider(), false))
                .as("a channel the user cannot read")
                .isInstanceOf(Exception.class);

        // The gateway's probe, before it upgrades a client: the same checks, answered over plain HTTP.
        String narrow = "/v1/ws/channels/" + channel.id();
        String probe = SocketTokens.PROBE_HEADER;
        assertThat(get(narrow, probe, "1").statusCode())
                .as("probe without a token")
                .isEqualTo(401);
        assertThat(get(
                                narrow,
                                probe,
                                "1",
                                "Authorization",
                                "Bearer " + channel.outsider().token())
                        .statusCode())
                .as("probe by an outsider")
                .isEqualTo(404);
        assertThat(get(
                                narrow + "?after_seq=-1",
                                probe,
                                "1",
                                "Authorization",
                                "Bearer " + channel.member().token())
                        .statusCode())
                .as("probe with a bad after_seq")
                .isEqualTo(400);
        assertThat(get(
                                narrow,
                                probe,
                                "1",
                                "Authorization",
                                "Bearer " + channel.member().token())
                        .statusCode())
                .as("probe by a member")
                .isEqualTo(204);

        RecordingWebSocket ws = socket("/v1/ws/connect", channel.member(), true);
        awaitFrame(ws, "hello", null);
        ws.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
        assertThat(ws.closeCode(WAIT)).as("message too big").isEqualTo(1009);
    }

    private RecordingWebSocket socket(String path, Person person, boolean header) throws Exception {
        awaitSocketsReady();
        HttpClient http = HttpClient.newHttpClient();
        if (header) {
            return RecordingWebSocket.connect(
                    http,
                    URI.create("ws://127.0.0.1:" + port + path),
                    Map.of("Authorization", "Bearer " + person.token()));
        }
        String separator = path.contains("?") ? "&" : "?";
        return RecordingWebSocket.connect(
                http, URI.create("ws://127.0.0.1:" + port + path + separator + "token=" + person.token()));
    }

    /** Sockets are refused until this replica receives the message topics (its readiness says so). */
    private void awaitSocketsReady() {
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    private static JsonNode awaitFrame(
            RecordingWebSocket ws, String type, java.util.function.Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(WAIT).until(() -> {
            for (JsonNode frame : frames(ws, type)) {
                if (matching == null || matching.test(frame)) {
                    found[0] = frame;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<JsonNode> frames(RecordingWebSocket ws, String type) {
        List<JsonNode> frames = new ArrayList<>();
        for (String text : ws.received()) {
            JsonNode frame = ApiClient.JSON.readTree(text);
            if (frame.path("type").asString().equals(type)) {
                frames.add(frame);
            }
        }
        return frames;
    }

    private static List<Long> seqsOf(RecordingWebSocket ws) {
        return frames(ws, "message.sent").stream()
                .map(f -> f.get("seq").asLong())
                .toList();
    }

    // --- Metrics ------------------------------------------------------------------------------

    @Test
    void sentMessagesOpenSocketsAndDeliveriesShowInTheMetrics() throws Exception {
        Channel channel = channel();
        double channelSent = sent("channel");
        double dmSent = sent("dm");
        long delivered = meters.get("plexichat.realtime.delivery").timer().count();
        RecordingWebSocket ws = socket("/v1/ws/channels/" + channel.id(), channel.member(), false);
        awaitFrame(ws, "hello", null);
        double open = connections();
        assertThat(open).as("this socket, at least").isGreaterThanOrEqualTo(1);

        Map<String, Object> body = Map.of("content", "counted once", "client_msg_id", "metrics-1");
        assertThat(send(channel.admin(), channel.id(), body).status()).isEqualTo(201);
        assertThat(send(channel.admin(), channel.id(), body).status()).isEqualTo(200);
        assertThat(sent("channel"))
                .as("a retry answered with the earlier message is not a second one")
                .isEqualTo(channelSent + 1);
        awaitFrame(ws, "message.sent", f -> f.get("seq").asLong() == 1);
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(meters.get("plexichat.realtime.delivery")
                                .timer()
                                .count())
                        .isGreaterThan(delivered));

        Person other = person();
        colleagues(channel.member(), other);
        INJECT.awaitConsumed("messaging-service.users", Topics.USERS, WAIT);
        String dm = dm(channel.member(), List.of(other.id())).data().get("id").asString();
        assertThat(call("POST", "/v1/dm/conversations/" + dm + "/messages", other, Map.of("content", "psst"))
                        .status())
                .isEqualTo(201);
        assertThat(sent("dm")).isEqualTo(dmSent + 1);

        ws.close();
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(connections()).isLessThan(open));

        // The names the dashboards query (Prometheus naming of the meters above, and of platform-events').
        assertThat(get("/actuator/prometheus").body())
                .contains(
                        "plexichat_messages_sent_total{",
                        "kind=\"dm\"",
                        "plexichat_websocket_connections{",
                        "plexichat_realtime_delivery_seconds_bucket{",
                        "plexichat_outbox_pending{",
                        "plexichat_events_dead_lettered_total{");
    }

    private double sent(String kind) {
        return meters.get("plexichat.messages.sent").tag("kind", kind).counter().count();
    }

    private double connections() {
        return meters.get("plexichat.websocket.connections").gauge().value();
    }

    // --- helpers ------------------------------------------------------------------------------

    private Channel channel() {
        UUID id = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        Person admin = person();
        Person member = person();
        Person outsider = person();
        INJECT.publish(
                Topics.CHANNELS,
                ChannelCreated.TYPE.name(),
                id.toString(),
                new ChannelCreated(
                        id, organization, "c-" + id, "public", null, admin.id(), DEFAULT_ROLES, Instant.now()));
        memberAdded(id, admin, "admin");
        memberAdded(id, member, "member");
        INJECT.awaitConsumed("messaging-service.channels", Topics.CHANNELS, WAIT);
        INJECT.awaitConsumed("messaging-service.users", Topics.USERS, WAIT);
        return new Channel(id, admin, member, outsider);
    }

    private static void memberAdded(UUID channelId, Person person, String role) {
        INJECT.publish(
                Topics.CHANNELS,
                ChannelMemberAdded.TYPE.name(),
                channelId.toString(),
                new ChannelMemberAdded(channelId, UUID.randomUUID(), person.id(), role, role, Instant.now()));
    }

    private static Person person() {
        UUID id = UUID.randomUUID();
        String username = "u" + id.toString().substring(0, 8);
        INJECT.publish(
                Topics.USERS,
                UserRegistered.TYPE.name(),
                id.toString(),
                new UserRegistered(id, username, username + "@example.org", "User", Instant.now()));
        return new Person(id, username, TOKENS.token(id));
    }

    /**
     * Attachments are checked: one's own files (known from file.uploaded) go through; an unknown id, someone else's
     * file (file-service, which could vouch for a reader, is not asked without service credentials) and a deleted one
     * are refused with 422 naming them; a file twice is a 400.
     */
    @Test
    void onlyFilesTheSenderOwnsOrCanReadAreAttached() throws Exception {
        Channel channel = channel();
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        fileUploaded(mine, channel.member());
        fileUploaded(theirs, channel.admin());
        fileUploaded(gone, channel.member());
        INJECT.publish(
                Topics.FILES,
                FileDeleted.TYPE.name(),
                gone.toString(),
                new FileDeleted(gone, channel.member().id(), channel.member().id(), Instant.now()));
        INJECT.awaitConsumed("messaging-service.files", Topics.FILES, WAIT);

        ApiClient.Response attached =
                send(channel.member(), channel.id(), Map.of("content", "see this", "attachments", List.of(mine)));
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        assertThat(strings(attached.data().get("attachments"))).containsExactly(mine.toString());

        for (UUID refused : List.of(UUID.randomUUID(), theirs, gone)) {
            ApiClient.Response response = send(
                    channel.member(),
                    channel.id(),
                    Map.of("content", "and this", "attachments", List.of(mine, refused)));
            assertThat(response.status()).as(response.body()).isEqualTo(422);
            assertThat(response.field()).isEqualTo("attachments");
            assertThat(strings(response.details().get("file_ids"))).containsExactly(refused.toString());
        }
        ApiClient.Response twice =
                send(channel.member(), channel.id(), Map.of("content", "x", "attachments", List.of(mine, mine)));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.field()).isEqualTo("attachments");
    }

    /** file-service's question on a replica miss: service credentials only; readers get their permissions. */
    @Test
    void theInternalConversationCheckAnswersServicesOnly() throws Exception {
        Channel channel = channel();
        Person service = new Person(
                UUID.randomUUID(),
                "svc",
                TOKENS.token(UUID.randomUUID(), c -> c.claim("realm_access", Map.of("roles", List.of("service")))));
        String path = "/internal/conversations/" + channel.id() + "/access/";
        ApiClient.Response member = call("GET", path + channel.member().id(), service, null);
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        assertThat(member.data().get("kind").asString()).isEqualTo("channel");
        assertThat(member.data().get("readable").asBoolean()).isTrue();
        assertThat(strings(member.data().get("permissions"))).contains("upload_files");
        assertThat(call("GET", path + channel.outsider().id(), service, null).status())
                .isEqualTo(404);
        assertThat(call("GET", path + channel.member().id(), channel.member(), null)
                        .status())
                .as("a user's own token")
                .isEqualTo(403);

        // A DM's answer names its participants (call-service rings them before it has heard of the DM).
        Person other = person();
        colleagues(channel.member(), other);
        // The DM is refused until this replica has heard of the other user (user.registered).
        INJECT.awaitConsumed("messaging-service.users", Topics.USERS, WAIT);
        String dm = dm(channel.member(), List.of(other.id())).data().get("id").asString();
        ApiClient.Response inDm = call("GET", "/internal/conversations/" + dm + "/access/" + other.id(), service, null);
        assertThat(inDm.data().get("kind").asString()).isEqualTo("dm");
        assertThat(strings(inDm.data().get("participant_ids")))
                .containsExactlyInAnyOrder(
                        channel.member().id().toString(), other.id().toString());
    }

    private static void fileUploaded(UUID id, Person owner) {
        INJECT.publish(
                Topics.FILES,
                FileUploaded.TYPE.name(),
                id.toString(),
                new FileUploaded(id, owner.id(), "f.txt", "text/plain", 1, "0".repeat(64), null, Instant.now()));
    }

    private ApiClient.Response send(Person by, UUID channelId, Map<String, Object> body) {
        return call("POST", "/v1/channels/" + channelId + "/messages", by, body);
    }

    /** The id of a message the person posted. */
    private String posted(Person by, UUID channelId, String content) {
        ApiClient.Response sent = send(by, channelId, Map.of("content", content));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        return sent.data().get("id").asString();
    }

    private ApiClient.Response react(Person by, String messageId, String emoji) {
        return call("POST", "/v1/messages/" + messageId + "/reactions", by, Map.of("emoji", emoji));
    }

    private ApiClient.Response dm(Person by, List<UUID> participants) {
        return call("POST", "/v1/dm/conversations", by, Map.of("participant_ids", participants));
    }

    /** The caller's unread entry for the conversation, or null when nothing there is unread. */
    private JsonNode unreadOf(Person person, UUID conversationId) {
        JsonNode unread = call("GET", "/v1/me/unread", person, null).data();
        return unread.valueStream()
                .filter(u -> u.get("conversation_id").asString().equals(conversationId.toString()))
                .findFirst()
                .orElse(null);
    }

    private ApiClient.Response call(String method, String path, Person caller, Object body) {
        return new ApiClient(port).send(method, path, caller.token(), body);
    }

    private static List<Long> seqs(JsonNode response) {
        List<Long> seqs = new ArrayList<>();
        response.get("data").forEach(m -> seqs.add(m.get("seq").asLong()));
        return seqs;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
