package com.plexichat.platform.security;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The last handshake interceptor of a service's sockets: a request marked {@link SocketTokens#PROBE_HEADER} that
 * passed the service's own checks is answered 204 instead of being upgraded. The gateway probes so that it can
 * refuse a socket with the HTTP status before it answers the client 101; a refusal after that could only be a
 * close frame.
 */
public final class SocketProbe implements HandshakeInterceptor {

    public static final SocketProbe INSTANCE = new SocketProbe();

    private SocketProbe() {}

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request.getHeaders().getFirst(SocketTokens.PROBE_HEADER) != null) {
            response.setStatusCode(HttpStatus.NO_CONTENT);
            return false;
        }
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}
}
