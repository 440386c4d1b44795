package com.plexichat.call.signaling;

import com.plexichat.call.room.Participants;
import com.plexichat.platform.security.SocketTokens;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * {@code /v1/ws/voice/{room}}: the room is a voice channel's id or a call's id. The access token as for REST (the
 * {@code Authorization} header, or {@code token} for browsers); the caller must be in the room already (joined by
 * REST): anyone else, outsiders included, gets 404, as REST answers them.
 */
class SignalingHandshake implements HandshakeInterceptor {

    static final String STAY = "plexichat.stay";

    private static final Pattern ROOM = Pattern.compile("/v1/ws/voice/([^/]+)/?");

    private final JwtDecoder jwts;
    private final Participants participants;
    private final SignalRelay relay;

    SignalingHandshake(JwtDecoder jwts, Participants participants, SignalRelay relay) {
        this.jwts = jwts;
        this.participants = participants;
        this.relay = relay;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (!relay.ready()) {
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return false;
        }
        Optional<UUID> caller = SocketTokens.user(request, jwts);
        if (caller.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        UUID user = caller.get();
        Matcher room = ROOM.matcher(request.getURI().getPath());
        try {
            UUID roomId = UUID.fromString(room.matches() ? room.group(1) : "");
            Participants.Participant stay = participants.in(roomId, user).orElseThrow(IllegalArgumentException::new);
            attributes.put(STAY, stay);
            return true;
        } catch (IllegalArgumentException e) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
