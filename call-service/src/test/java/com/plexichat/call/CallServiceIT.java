package com.plexichat.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.channel.ChannelArchived;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.message.DmCreated;
import com.plexichat.platform.test.ApiClient;
import com.plexichat.platform.test.EventInjector;
import com.plexichat.platform.test.EventProbe;
import com.plexichat.platform.test.IntegrationTest;
import com.plexichat.platform.test.RecordingWebSocket;
import com.plexichat.platform.test.ServiceContractIT;
import com.plexichat.platform.test.TestTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * call-service on real PostgreSQL and Kafka: channels and DMs arrive as their owners publish them; voice channels,
 * calls (ringing, declined, missed, ended), TURN credentials, limits, bad input, and the events it publishes.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "plexichat.calls.ring-timeout=2s",
            "plexichat.calls.max-participants=3",
            "plexichat.calls.stun-urls[0]=stun:stun.example.org:3478",
            "plexichat.calls.turn-urls[0]=turn:turn.example.org:3478?transport=udp",
            "plexichat.calls.turn-secret=" + CallServiceIT.TURN_SECRET,
            "plexichat.calls.turn-ttl=10m",
            "plexichat.calls.heartbeat-timeout=4s",
        })
class CallServiceIT extends ServiceContractIT {

    static final String TURN_SECRET = "a turn secret for the tests";
    private static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    private static final EventInjector INJECT = new EventInjector();
    private static final EventProbe EVENTS = new EventProbe(Topics.CALLS);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> ALL = List.of(
            "post_messages",
            "add_reactions",
            "upload_files",
            "manage_members",
            "manage_channel",
            "pin_messages",
            "start_calls",
            "join_voice");
    /** channel-service's defaults for a voice channel, and for the others. */
    private static final Map<String, List<String>> VOICE_ROLES = Map.of(
            "admin", ALL,
            "member", List.of("post_messages", "add_reactions", "start_calls", "join_voice"),
            "guest", List.of("post_messages"));

    private static final Map<String, List<String>> TEXT_ROLES = Map.of(
            "admin", ALL,
            "member", List.of("post_messages", "add_reactions", "upload_files", "pin_messages", "start_calls"),
            "guest", List.of("post_messages", "add_reactions"));

    record Person(UUID id, String token) {}

    record Channel(UUID id, UUID organization, Person admin, Person member, Person guest, Person outsider) {}

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

    // --- voice channels --------------------------------------------------------------------------------------

    @Test
    void membersJoinAndLeaveAVoiceChannelWithTurnCredentialsOthersAreRefused() throws Exception {
        Channel voice = channel("voice", VOICE_ROLES);
        String path = "/v1/channels/" + voice.id() + "/voice";
        long before = Instant.now().getEpochSecond();

        ApiClient.Response joined = call("POST", path + "/join", voice.member(), null);
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        JsonNode data = joined.data();
        String session = data.get("session_id").asString();
        assertThat(data.get("participant").get("user_id").asString())
                .isEqualTo(voice.member().id().toString());
        assertThat(data.get("participant").get("muted").asBoolean()).isFalse();
        JsonNode ice = data.get("ice_servers");
        assertThat(ice.get(0).get("urls").get(0).asString()).isEqualTo("stun:stun.example.org:3478");
        JsonNode turn = ice.get(1);
        assertThat(turn.get("urls").get(0).asString()).startsWith("turn:turn.example.org");
        String username = turn.get("username").asString();
        assertThat(username).endsWith(":" + voice.member().id());
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(expiry).isBetween(before + 600, Instant.now().getEpochSecond() + 600);
        assertThat(turn.get("ttl").asLong()).isEqualTo(600);
        // coturn's check: the same HMAC-SHA1 of the username under the shared secret.
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(turn.get("credential").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));

        ApiClient.Response again = call("POST", path + "/join", voice.member(), null);
        assertThat(again.status()).as("already in: the same stay").isEqualTo(200);
        assertThat(again.data().get("session_id").asString()).isEqualTo(session);
        assertThat(call("POST", path + "/join", voice.admin(), null).status()).isEqualTo(201);
        JsonNode participants =
                call("GET", path + "/participants", voice.guest(), null).data();
        assertThat(participants.valueStream().map(p -> p.get("user_id").asString()))
                .containsExactly(
                        voice.member().id().toString(), voice.admin().id().toString());
        assertThat(participants.toString()).as("nobody sees another's session").doesNotContain(session);

        ApiClient.Response guest = call("POST", path + "/join", voice.guest(), null);
        assertThat(guest.status()).as("a role without join_voice").isEqualTo(403);
        for (String[] route :
                List.of(new String[] {"POST", path + "/join"}, new String[] {"DELETE", path + "/leave"}, new String[] {
                    "GET", path + "/participants"
                })) {
            ApiClient.Response outsider = call(route[0], route[1], voice.outsider(), null);
            assertThat(outsider.status()).as(route[1] + " by an outsider").isEqualTo(404);
            assertThat(outsider.errorCode()).isEqualTo("NOT_FOUND");
        }

        assertThat(call("DELETE", path + "/leave", voice.member(), null).status())
                .isEqualTo(204);
        assertThat(call("DELETE", path + "/leave", voice.member(), null).status())
                .as("leaving again changes nothing")
                .isEqualTo(204);
        assertThat(call("GET", path + "/participants", voice.member(), null)
                        .data()
                        .valueStream()
                        .map(p -> p.get("user_id").asString()))
                .containsExactly(voice.admin().id().toString());
        assertThat(EVENTS.awaitOne("voice.joined", voice.id().toString(), WAIT)).isPresent();
        JsonNode left =
                EVENTS.awaitOne("voice.left", voice.id().toString(), WAIT).orElseThrow();
        assertThat(left.get("data").get("user_id").asString())
                .isEqualTo(voice.member().id().toString());
        assertThat(left.get("data").get("reason").asString()).isEqualTo("left");
    }

    @Test
    void aTextChannelHasNoVoiceAnArchivedOneNoneAndAFullRoomTakesNobodyElse() {
        Channel text = channel("public", TEXT_ROLES);
        ApiClient.Response notVoice = call("POST", "/v1/channels/" + text.id() + "/voice/join", text.member(), null);
        assertThat(notVoice.status()).isEqualTo(422);
        assertThat(notVoice.details().get("reason").asString()).isEqualTo("not_a_voice_channel");

        Channel voice = channel("voice", VOICE_ROLES);
        String join = "/v1/channels/" + voice.id() + "/voice/join";
        assertThat(call("POST", join, voice.admin(), null).status()).isEqualTo(201);
        assertThat(call("POST", join, voice.member(), null).status()).isEqualTo(201);
        Person third = member(voice, "member");
        Person fourth = member(voice, "member");
        assertThat(call("POST", join, third, null).status()).isEqualTo(201);
        ApiClient.Response full = call("POST", join, fourth, null);
        assertThat(full.status()).as(full.body()).isEqualTo(422);
        assertThat(full.details().get("reason").asString()).isEqualTo("room_full");
        assertThat(full.details().get("max_participants").asInt()).isEqualTo(3);

        Channel archived = channel("voice", VOICE_ROLES);
        INJECT.publish(
                Topics.CHANNELS,
                ChannelArchived.TYPE.name(),
                archived.id().toString(),
                new ChannelArchived(
                        archived.id(), archived.organization(), archived.admin().id(), Instant.now()));
        INJECT.awaitConsumed("call-service.channels", Topics.CHANNELS, WAIT);
        ApiClient.Response refused =
                call("POST", "/v1/channels/" + archived.id() + "/voice/join", archived.member(), null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.details().get("reason").asString()).isEqualTo("channel_archived");
        assertThat(call("POST", "/v1/calls", archived.member(), Map.of("channel_id", archived.id(), "type", "voice"))
                        .status())
                .isEqualTo(422);
    }

    // --- calls -----------------------------------------------------------------------------------------------

    @Test
    void aDmCallRingsIsAnsweredAndEndsWhenTheLastOneLeaves() {
        Person a = person();
        Person b = person();
        Person outsider = person();
        UUID dm = dm(a, b);

        ApiClient.Response started = call("POST", "/v1/calls", a, Map.of("conversation_id", dm, "type", "video"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode call = started.data().get("call");
        String id = call.get("id").asString();
        assertThat(started.raw().headers().firstValue("Location")).hasValue("/v1/calls/" + id);
        assertThat(call.get("status").asString()).isEqualTo("ringing");
        assertThat(call.get("conversation_id").asString()).isEqualTo(dm.toString());
        assertThat(call.get("channel_id").isNull()).isTrue();
        assertThat(call.get("participants")
                        .valueStream()
                        .map(p -> p.get("user_id").asString()))
                .containsExactly(a.id().toString());
        assertThat(started.data().get("session_id").asString()).isNotBlank();
        JsonNode announced = EVENTS.awaitOne("call.started", id, WAIT).orElseThrow();
        assertThat(announced.get("data").get("ringing").valueStream().map(JsonNode::asString))
                .containsExactly(b.id().toString());

        ApiClient.Response second = call("POST", "/v1/calls", b, Map.of("conversation_id", dm, "type", "voice"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.details().get("call_id").asString()).isEqualTo(id);
        for (String[] route : List.of(
                new String[] {"GET", "/v1/calls/" + id},
                new String[] {"POST", "/v1/calls/" + id + "/join"},
                new String[] {"POST", "/v1/calls/" + id + "/decline"},
                new String[] {"DELETE", "/v1/calls/" + id + "/leave"},
                new String[] {"GET", "/v1/calls?conversation_id=" + dm})) {
            assertThat(call(route[0], route[1], outsider, null).status())
                    .as(route[1] + " by an outsider")
                    .isEqualTo(404);
        }

        ApiClient.Response answered = call("POST", "/v1/calls/" + id + "/join", b, null);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.data().get("call").get("status").asString()).isEqualTo("active");
        assertThat(call("DELETE", "/v1/calls/" + id + "/leave", b, null).status())
                .isEqualTo(204);
        assertThat(call("GET", "/v1/calls/" + id, a, null).data().get("status").asString())
                .as("one is still in it")
                .isEqualTo("active");
        assertThat(call("DELETE", "/v1/calls/" + id + "/leave", a, null).status())
                .isEqualTo(204);

        JsonNode ended = call("GET", "/v1/calls/" + id, b, null).data();
        assertThat(ended.get("status").asString()).isEqualTo("ended");
        assertThat(ended.get("ended_at").isNull()).isFalse();
        assertThat(ended.get("participants")).isEmpty();
        assertThat(ended.get("past_participants")
                        .valueStream()
                        .map(p -> p.get("user_id").asString()))
                .containsExactlyInAnyOrder(a.id().toString(), b.id().toString());
        assertThat(EVENTS.await("call.participant-joined", id, WAIT)).hasSize(2);
        assertThat(EVENTS.awaitOne("call.ended", id, WAIT)
                        .orElseThrow()
                        .get("data")
                        .get("status")
                        .asString())
                .isEqualTo("ended");
        ApiClient.Response rejoin = call("POST", "/v1/calls/" + id + "/join", a, null);
        assertThat(rejoin.status()).isEqualTo(422);
        assertThat(rejoin.details().get("reason").asString()).isEqualTo("call_over");

        JsonNode history = call("GET", "/v1/calls?conversation_id=" + dm + "&status=ended", a, null)
                .json();
        assertThat(history.get("data").valueStream().map(c -> c.get("id").asString()))
                .containsExactly(id);
        assertThat(history.get("pagination").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aDmCallIsDeclinedAndAnotherRingsOutUnanswered() {
        Person a = person();
        Person b = person();
        UUID dm = dm(a, b);

        String declined = call("POST", "/v1/calls", a, Map.of("conversation_id", dm, "type", "voice"))
                .data()
                .get("call")
                .get("id")
                .asString();
        ApiClient.Response byCaller = call("POST", "/v1/calls/" + declined + "/decline", a, null);
        assertThat(byCaller.status()).isEqualTo(422);
        ApiClient.Response no = call("POST", "/v1/calls/" + declined + "/decline", b, null);
        assertThat(no.status()).as(no.body()).isEqualTo(200);
        assertThat(no.data().get("status").asString()).isEqualTo("declined");
        assertThat(no.data().get("participants"))
                .as("the caller is out of it too")
                .isEmpty();
        assertThat(EVENTS.awaitOne("call.ended", declined, WAIT)
                        .orElseThrow()
                        .get("data")
                        .get("status")
                        .asString())
                .isEqualTo("declined");

        String unanswered = call("POST", "/v1/calls", a, Map.of("conversation_id", dm, "type", "voice"))
                .data()
                .get("call")
                .get("id")
                .asString();
        // The ring time is 2 s here (30 s by default).
        await().atMost(WAIT)
                .until(() -> call("GET", "/v1/calls/" + unanswered, b, null)
                        .data()
                        .get("status")
                        .asString()
                        .equals("missed"));
        assertThat(EVENTS.awaitOne("call.ended", unanswered, WAIT)
                        .orElseThrow()
                        .get("data")
                        .get("status")
                        .asString())
                .isEqualTo("missed");
        assertThat(call("POST", "/v1/calls", b, Map.of("conversation_id", dm, "type", "voice"))
                        .status())
                .as("the conversation is free for the next call")
                .isEqualTo(201);
    }

    @Test
    void aChannelCallIsActiveAtOnceForMembersWithStartCallsOnly() {
        Channel text = channel("public", TEXT_ROLES);
        ApiClient.Response started =
                call("POST", "/v1/calls", text.member(), Map.of("channel_id", text.id(), "type", "voice"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = started.data().get("call").get("id").asString();
        assertThat(started.data().get("call").get("status").asString()).isEqualTo("active");
        assertThat(started.data().get("call").get("channel_id").asString())
                .isEqualTo(text.id().toString());
        assertThat(call("POST", "/v1/calls/" + id + "/join", text.admin(), null).status())
                .isEqualTo(200);
        assertThat(call("GET", "/v1/calls/" + id, text.outsider(), null).status())
                .isEqualTo(404);

        Channel other = channel("public", TEXT_ROLES);
        ApiClient.Response guest =
                call("POST", "/v1/calls", other.guest(), Map.of("channel_id", other.id(), "type", "voice"));
        assertThat(guest.status()).as("a role without start_calls").isEqualTo(403);
        Channel voice = channel("voice", VOICE_ROLES);
        ApiClient.Response inVoice =
                call("POST", "/v1/calls", voice.member(), Map.of("channel_id", voice.id(), "type", "voice"));
        assertThat(inVoice.status()).isEqualTo(422);
        assertThat(inVoice.details().get("reason").asString()).isEqualTo("voice_channel");
    }

    @Test
    void badInputIsAClear400NamingTheField() {
        Person a = person();
        Person b = person();
        UUID dm = dm(a, b);
        for (Object[] bad : List.of(
                new Object[] {"{\"type\":\"voice\"}", "channel_id"},
                new Object[] {
                    "{\"channel_id\":\"" + UUID.randomUUID() + "\",\"conversation_id\":\"" + dm
                            + "\",\"type\":\"voice\"}",
                    "channel_id"
                },
                new Object[] {"{\"conversation_id\":\"" + dm + "\",\"type\":\"hologram\"}", "type"},
                new Object[] {"{\"conversation_id\":\"" + dm + "\"}", "type"},
                new Object[] {"{\"conversation_id\":\"not-a-uuid\",\"type\":\"voice\"}", null},
                new Object[] {"{\"conversation_id\":\"" + dm + "\",\"type\":\"voice\",\"extra\":1}", null},
                new Object[] {"not json", null})) {
            ApiClient.Response refused = call("POST", "/v1/calls", a, bad[0]);
            assertThat(refused.status()).as(bad[0].toString()).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("Exception");
            if (bad[1] != null) {
                assertThat(refused.field()).as(bad[0].toString()).isEqualTo(bad[1]);
            }
        }
        assertThat(call("GET", "/v1/calls", a, null).status()).isEqualTo(400);
        assertThat(call("GET", "/v1/calls?conversation_id=" + dm + "&status=later", a, null)
                        .status())
                .isEqualTo(400);
        assertThat(call("GET", "/v1/calls/not-a-uuid", a, null).status()).isEqualTo(400);
        assertThat(call("GET", "/v1/calls/" + UUID.randomUUID(), a, null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v1/calls?conversation_id=" + dm, a, null).status())
                .as("nothing refused started a call")
                .isEqualTo(200);
        assertThat(call("GET", "/v1/calls?conversation_id=" + dm, a, null).data())
                .isEmpty();
    }

    // --- signaling -------------------------------------------------------------------------------------------

    @Test
    void threeParticipantsNegotiateEachFrameReachesOnlyItsAddresseeAndMuteReachesTheOthers() throws Exception {
        Channel voice = channel("voice", VOICE_ROLES);
        Person a = voice.member();
        Person b = voice.admin();
        Person c = member(voice, "member");
        for (Person p : List.of(a, b, c)) {
            assertThat(call("POST", "/v1/channels/" + voice.id() + "/voice/join", p, null)
                            .status())
                    .isEqualTo(201);
        }
        try (Pinging sa = signaling(voice.id(), a);
                Pinging sb = signaling(voice.id(), b);
                Pinging sc = signaling(voice.id(), c)) {
            JsonNode hello = awaitFrame(sa.socket(), "hello", f -> true);
            assertThat(hello.get("data").get("participants").size()).isEqualTo(3);
            awaitFrame(sb.socket(), "hello", f -> true);
            awaitFrame(sc.socket(), "hello", f -> true);

            sa.socket().send(signal("offer", b, "{\"sdp\":\"v=0 a-to-b\"}"));
            JsonNode offer = awaitFrame(sb.socket(), "offer", f -> true);
            assertThat(offer.get("from").asString()).isEqualTo(a.id().toString());
            assertThat(offer.get("data").get("sdp").asString()).isEqualTo("v=0 a-to-b");
            sb.socket().send(signal("answer", a, "{\"sdp\":\"v=0 b-to-a\"}"));
            assertThat(awaitFrame(sa.socket(), "answer", f -> true).get("from").asString())
                    .isEqualTo(b.id().toString());
            sb.socket()
                    .send(signal("ice_candidate", a, "{\"candidate\":\"candidate:1 1 udp 1 10.0.0.2 5000 typ host\"}"));
            awaitFrame(sa.socket(), "ice_candidate", f -> true);
            // Then something for C, which arrives after anything misrouted would have.
            sa.socket().send(signal("offer", c, "{\"sdp\":\"v=0 a-to-c\"}"));
            awaitFrame(sc.socket(), "offer", f -> true);
            assertThat(frames(sc.socket(), "offer"))
                    .as("C gets only what is addressed to C")
                    .allSatisfy(
                            f -> assertThat(f.get("data").get("sdp").asString()).isEqualTo("v=0 a-to-c"));
            assertThat(frames(sc.socket(), "answer")).isEmpty();
            assertThat(frames(sc.socket(), "ice_candidate")).isEmpty();

            sa.socket().send("{\"type\":\"mute\"}");
            for (Pinging other : List.of(sb, sc)) {
                JsonNode updated = awaitFrame(other.socket(), "participant_updated", f -> true);
                assertThat(updated.get("data").get("user_id").asString()).isEqualTo(a.id().toString());
                assertThat(updated.get("data").get("muted").asBoolean()).isTrue();
            }
            assertThat(call("GET", "/v1/channels/" + voice.id() + "/voice/participants", b, null)
                            .data()
                            .valueStream()
                            .filter(p -> p.get("user_id").asString().equals(a.id().toString()))
                            .findFirst()
                            .orElseThrow()
                            .get("muted")
                            .asBoolean())
                    .isTrue();

            sa.socket().send(signal("offer", voice.outsider(), "{\"sdp\":\"x\"}"));
            awaitFrame(
                    sa.socket(),
                    "error",
                    f -> f.get("data").get("code").asString().equals("NOT_FOUND"));
            sa.socket().send("not json");
            awaitFrame(
                    sa.socket(),
                    "error",
                    f -> f.get("data").get("code").asString().equals("INVALID_FRAME"));
            sa.socket().send("{\"type\":\"teleport\"}");
            awaitFrame(
                    sa.socket(),
                    "error",
                    f -> f.get("data").get("code").asString().equals("UNKNOWN_TYPE"));
            sa.socket().send("{\"type\":\"offer\",\"to\":\"" + b.id() + "\"}");
            awaitFrame(
                    sa.socket(),
                    "error",
                    f -> f.get("data").get("code").asString().equals("INVALID_FRAME")
                            && f.get("data").get("message").asString().contains("data"));

            sc.socket().close();
            for (Pinging other : List.of(sa, sb)) {
                JsonNode left = awaitFrame(other.socket(), "participant_left", f -> true);
                assertThat(left.get("data").get("user_id").asString()).isEqualTo(c.id().toString());
            }
            assertThat(call("GET", "/v1/channels/" + voice.id() + "/voice/participants", a, null)
                            .data()
                            .valueStream()
                            .map(p -> p.get("user_id").asString()))
                    .doesNotContain(c.id().toString());
        }
    }

    @Test
    void onlyAParticipantOpensTheSocketWithAValidToken() throws Exception {
        Channel voice = channel("voice", VOICE_ROLES);
        assertThat(call("POST", "/v1/channels/" + voice.id() + "/voice/join", voice.member(), null)
                        .status())
                .isEqualTo(201);
        for (String token : List.of(
                voice.outsider().token(),
                voice.admin().token(),
                "garbage",
                TOKENS.tokenWithUnknownKey(voice.member().id()))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordingWebSocket.connect(
                            HttpClient.newHttpClient(),
                            URI.create("ws://127.0.0.1:" + port + "/v1/ws/voice/" + voice.id() + "?token=" + token)))
                    .hasStackTraceContaining("WebSocketHandshakeException");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordingWebSocket.connect(
                        HttpClient.newHttpClient(),
                        URI.create("ws://127.0.0.1:" + port + "/v1/ws/voice/not-a-room?token="
                                + voice.member().token())))
                .hasStackTraceContaining("WebSocketHandshakeException");
    }

    @Test
    void aSilentSocketTimesOutADroppedOneLeavesAndTheCallEndsWithTheLast() throws Exception {
        Person a = person();
        Person b = person();
        UUID dm = dm(a, b);
        String id = call("POST", "/v1/calls", a, Map.of("conversation_id", dm, "type", "video"))
                .data()
                .get("call")
                .get("id")
                .asString();
        assertThat(call("POST", "/v1/calls/" + id + "/join", b, null).status()).isEqualTo(200);
        UUID room = UUID.fromString(id);
        try (Pinging sa = signaling(room, a)) {
            RecordingWebSocket silent = RecordingWebSocket.connect(
                    HttpClient.newHttpClient(),
                    URI.create("ws://127.0.0.1:" + port + "/v1/ws/voice/" + id + "?token=" + b.token()));
            awaitFrame(silent, "hello", f -> true);
            // B sends nothing: after the heartbeat time-out (4 s here) it is closed and leaves.
            assertThat(silent.closeCode(WAIT)).isEqualTo(4408);
            JsonNode left = awaitFrame(sa.socket(), "participant_left", f -> true);
            assertThat(left.get("data").get("user_id").asString()).isEqualTo(b.id().toString());
            assertThat(left.get("data").get("reason").asString()).isEqualTo("timed_out");
            assertThat(call("GET", "/v1/calls/" + id, a, null)
                            .data()
                            .get("status")
                            .asString())
                    .isEqualTo("active");

            sa.socket().abort();
            await().atMost(WAIT)
                    .until(() -> call("GET", "/v1/calls/" + id, a, null)
                            .data()
                            .get("status")
                            .asString()
                            .equals("ended"));
        }
    }

    @Test
    void twoInstancesRelayBetweenTheirSockets() throws Exception {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CallApplication.class)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.cloud.config.enabled=false",
                        "eureka.client.enabled=false",
                        "spring.cloud.discovery.enabled=false",
                        "spring.datasource.url="
                                + com.plexichat.platform.test.Infrastructure.postgres()
                                        .jdbcUrl("call-service"),
                        "spring.datasource.username="
                                + com.plexichat.platform.test.Infrastructure.postgres()
                                        .username(),
                        "spring.datasource.password="
                                + com.plexichat.platform.test.Infrastructure.postgres()
                                        .password(),
                        "spring.kafka.bootstrap-servers="
                                + com.plexichat.platform.test.Infrastructure.kafka()
                                        .bootstrapServers(),
                        "plexichat.security.issuer-uri=" + TOKENS.issuer(),
                        "plexichat.security.jwk-set-uri=" + TOKENS.jwkSetUri(),
                        "plexichat.calls.heartbeat-timeout=4s")
                .run()) {
            int otherPort = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            await().atMost(WAIT)
                    .until(() -> get("http://127.0.0.1:" + otherPort + "/actuator/health/readiness")
                                    .statusCode()
                            == 200);
            Channel voice = channel("voice", VOICE_ROLES);
            Person a = voice.member();
            Person b = voice.admin();
            for (Person p : List.of(a, b)) {
                assertThat(call("POST", "/v1/channels/" + voice.id() + "/voice/join", p, null)
                                .status())
                        .isEqualTo(201);
            }
            try (Pinging sa = signaling(port, voice.id(), a);
                    Pinging sb = signaling(otherPort, voice.id(), b)) {
                awaitFrame(sa.socket(), "hello", f -> true);
                awaitFrame(sb.socket(), "hello", f -> true);
                sa.socket().send(signal("offer", b, "{\"sdp\":\"across replicas\"}"));
                assertThat(awaitFrame(sb.socket(), "offer", f -> true)
                                .get("data")
                                .get("sdp")
                                .asString())
                        .isEqualTo("across replicas");
                sb.socket().send(signal("answer", a, "{\"sdp\":\"and back\"}"));
                assertThat(awaitFrame(sa.socket(), "answer", f -> true)
                                .get("from")
                                .asString())
                        .isEqualTo(b.id().toString());
                sb.socket().send("{\"type\":\"video_on\"}");
                JsonNode updated = awaitFrame(sa.socket(), "participant_updated", f -> true);
                assertThat(updated.get("data").get("video").asBoolean()).isTrue();
            }
        }
    }

    /** A signaling socket that sends a heartbeat every second until closed. */
    record Pinging(RecordingWebSocket socket, java.util.concurrent.ScheduledExecutorService pings)
            implements AutoCloseable {

        @Override
        public void close() {
            pings.shutdownNow();
            try {
                socket.close();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }

    private Pinging signaling(UUID room, Person person) throws Exception {
        return signaling(port, room, person);
    }

    private static Pinging signaling(int port, UUID room, Person person) throws Exception {
        RecordingWebSocket socket = RecordingWebSocket.connect(
                HttpClient.newHttpClient(),
                URI.create("ws://127.0.0.1:" + port + "/v1/ws/voice/" + room),
                Map.of("Authorization", "Bearer " + person.token()));
        var pings = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        pings.scheduleAtFixedRate(
                () -> {
                    try {
                        socket.send("{\"type\":\"ping\"}");
                    } catch (Exception e) {
                        // closed
                    }
                },
                1,
                1,
                java.util.concurrent.TimeUnit.SECONDS);
        return new Pinging(socket, pings);
    }

    private static String signal(String type, Person to, String data) {
        return "{\"type\":\"" + type + "\",\"to\":\"" + to.id() + "\",\"data\":" + data + "}";
    }

    private static JsonNode awaitFrame(
            RecordingWebSocket ws, String type, java.util.function.Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            for (JsonNode frame : frames(ws, type)) {
                if (matching.test(frame)) {
                    found[0] = frame;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<JsonNode> frames(RecordingWebSocket ws, String type) {
        return ws.received().stream()
                .map(ApiClient.JSON::readTree)
                .filter(f -> type.equals(f.path("type").asString(null)))
                .toList();
    }

    private static java.net.http.HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private Channel channel(String type, Map<String, List<String>> roles) {
        UUID id = UUID.randomUUID();
        UUID organization = UUID.randomUUID();
        Person admin = person();
        INJECT.publish(
                Topics.CHANNELS,
                ChannelCreated.TYPE.name(),
                id.toString(),
                new ChannelCreated(id, organization, "c-" + id, type, null, admin.id(), roles, Instant.now()));
        Channel channel = new Channel(id, organization, admin, person(), person(), person());
        added(channel, admin, "admin");
        added(channel, channel.member(), "member");
        added(channel, channel.guest(), "guest");
        INJECT.awaitConsumed("call-service.channels", Topics.CHANNELS, WAIT);
        return channel;
    }

    private Person member(Channel channel, String role) {
        Person person = person();
        added(channel, person, role);
        INJECT.awaitConsumed("call-service.channels", Topics.CHANNELS, WAIT);
        return person;
    }

    private static void added(Channel channel, Person person, String role) {
        INJECT.publish(
                Topics.CHANNELS,
                ChannelMemberAdded.TYPE.name(),
                channel.id().toString(),
                new ChannelMemberAdded(
                        channel.id(),
                        channel.organization(),
                        person.id(),
                        "admin".equals(role) ? "admin" : "member",
                        role,
                        Instant.now()));
    }

    private UUID dm(Person... participants) {
        UUID id = UUID.randomUUID();
        INJECT.publish(
                Topics.MESSAGES,
                DmCreated.TYPE.name(),
                id.toString(),
                new DmCreated(
                        id,
                        java.util.Arrays.stream(participants).map(Person::id).toList(),
                        participants[0].id(),
                        Instant.now()));
        INJECT.awaitConsumed("call-service.dms", Topics.MESSAGES, WAIT);
        return id;
    }

    private static Person person() {
        UUID id = UUID.randomUUID();
        return new Person(id, TOKENS.token(id));
    }

    private ApiClient.Response call(String method, String path, Person caller, Object body) {
        return new ApiClient(port).send(method, path, caller.token(), body);
    }
}
