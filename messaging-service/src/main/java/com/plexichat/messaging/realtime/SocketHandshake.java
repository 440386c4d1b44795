package com.plexichat.messaging.realtime;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.platform.api.ApiException;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticates a WebSocket handshake with the same access token as the REST API: the
 * {@code Authorization} header, or a {@code token} query parameter for browsers (which cannot set
 * headers on a WebSocket). A narrow view ({@code /channels/{id}}, {@code /dm/{id}}) needs read access
 * to that conversation (404 otherwise, as for REST); {@code after_seq} asks for what was missed.
 */
class SocketHandshake implements HandshakeInterceptor {

    static final String USER = "plexichat.user";
    static final String CONVERSATION = "plexichat.conversation";
    static final String AFTER_SEQ = "plexichat.after-seq";

    private static final Pattern NARROW = Pattern.compile("/v1/ws/(channels|dm)/([^/]+)/?");

    private final JwtDecoder jwts;
    private final Conversations conversations;
    private final Fanout fanout;

    SocketHandshake(JwtDecoder jwts, Conversations conversations, Fanout fanout) {
        this.jwts = jwts;
        this.conversations = conversations;
        this.fanout = fanout;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (!fanout.ready()) {
            // Not yet receiving the message topics: a socket now could miss messages.
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return false;
        }
        org.springframework.util.MultiValueMap<String, String> query =
                UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        Optional<UUID> caller = SocketTokens.user(request, jwts);
        if (caller.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        UUID user = caller.get();
        attributes.put(USER, user);
        Matcher narrow = NARROW.matcher(request.getURI().getPath());
        if (narrow.matches()) {
            try {
                UUID conversation = UUID.fromString(narrow.group(2));
                String kind = narrow.group(1).equals("dm") ? Conversations.DM : Conversations.CHANNEL;
                conversations.readable(conversation, user, kind);
                attributes.put(CONVERSATION, conversation);
            } catch (IllegalArgumentException | ApiException e) {
                response.setStatusCode(HttpStatus.NOT_FOUND);
                return false;
            }
        }
        if (query.containsKey("after_seq")) {
            try {
                long afterSeq = Long.parseLong(query.getFirst("after_seq"));
                if (afterSeq < 0 || !attributes.containsKey(CONVERSATION)) {
                    throw new NumberFormatException();
                }
                attributes.put(AFTER_SEQ, afterSeq);
            } catch (NumberFormatException e) {
                // after_seq belongs to one conversation: a narrow view's
                response.setStatusCode(HttpStatus.BAD_REQUEST);
                return false;
            }
        }
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
