package com.plexichat.gateway.ratelimit;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.platform.api.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebSocket frame limit: wraps the gateway's WebSocket proxying so every frame a client sends
 * draws from that user's {@code websocket} bucket before it is relayed. A refused frame is dropped
 * and answered with an error frame; after {@code websocket-close-after} refusals in a row the socket
 * is closed with 1008 (policy violation). Frames from the service to the client are not limited.
 */
public class FrameLimitingWebSocketService implements WebSocketService {

    private final WebSocketService delegate;
    private final LiveProperties<RateLimitProperties> properties;
    private final RateLimiter limiter;
    private final RateLimitWebFilter httpLimits;
    private final MeterRegistry meters;
    private final JsonMapper mapper;

    public FrameLimitingWebSocketService(
            WebSocketService delegate,
            LiveProperties<RateLimitProperties> properties,
            RateLimiter limiter,
            RateLimitWebFilter httpLimits,
            MeterRegistry meters,
            JsonMapper mapper) {
        this.delegate = delegate;
        this.properties = properties;
        this.limiter = limiter;
        this.httpLimits = httpLimits;
        this.meters = meters;
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        String ip = Identities.ip(httpLimits.clients().resolve(exchange.getRequest()));
        return exchange.getPrincipal()
                .mapNotNull(Identities::of)
                .defaultIfEmpty(ip)
                .flatMap(identity -> delegate.handleRequest(exchange, new LimitedHandler(handler, identity)));
    }

    private final class LimitedHandler implements WebSocketHandler {

        private final WebSocketHandler handler;
        private final String identity;

        LimitedHandler(WebSocketHandler handler, String identity) {
            this.handler = handler;
            this.identity = identity;
        }

        @Override
        public List<String> getSubProtocols() {
            return handler.getSubProtocols();
        }

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            return handler.handle(new LimitedSession(session, identity));
        }
    }

    private final class LimitedSession implements WebSocketSession {

        private final WebSocketSession session;
        private final String identity;
        private final AtomicInteger refusedInARow = new AtomicInteger();
        // Once this session closes the socket for abuse, the proxy's own close (when the service's side
        // ends) must not send a second close frame to the client.
        private final AtomicBoolean closing = new AtomicBoolean();

        LimitedSession(WebSocketSession session, String identity) {
            this.session = session;
            this.identity = identity;
        }

        @Override
        public Flux<WebSocketMessage> receive() {
            // Copied at once: a frame waiting for the limiter's answer must not depend on Netty's buffer.
            return session.receive().map(this::copy).concatMap(this::admit);
        }

        private WebSocketMessage copy(WebSocketMessage message) {
            DataBuffer payload = message.getPayload();
            byte[] bytes = new byte[payload.readableByteCount()];
            payload.read(bytes);
            return new WebSocketMessage(
                    message.getType(), session.bufferFactory().wrap(bytes));
        }

        private Mono<WebSocketMessage> admit(WebSocketMessage message) {
            if (message.getType() == WebSocketMessage.Type.PING || message.getType() == WebSocketMessage.Type.PONG) {
                return Mono.just(message);
            }
            RateLimitProperties settings = properties.get();
            if (!settings.enabled()) {
                return Mono.just(message);
            }
            RateLimitProperties.Limit limit = settings.websocket();
            return limiter.consume(RateLimiter.bucketKey(LimitClass.WEBSOCKET, limit, identity), limit)
                    .flatMap(decision -> {
                        if (decision.allowed()) {
                            refusedInARow.set(0);
                            return Mono.just(message);
                        }
                        meters.counter("plexichat.gateway.ratelimit.rejected", "class", LimitClass.WEBSOCKET.tag())
                                .increment();
                        if (refusedInARow.incrementAndGet() >= settings.websocketCloseAfter()) {
                            // Subscribed apart from this inbound stream: closing discards (cancels) the
                            // inbound, and a close cancelled with it would free its frame before it is sent.
                            close(CloseStatus.POLICY_VIOLATION.withReason("Rate limit exceeded"))
                                    .subscribe();
                            return Mono.empty();
                        }
                        return session.send(Mono.just(session.textMessage(errorFrame(decision))))
                                .then(Mono.empty());
                    });
        }

        private String errorFrame(Decision decision) {
            var apiError = RateLimitWebFilter.refusal(LimitClass.WEBSOCKET, decision);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("code", ErrorCode.RATE_LIMITED.name());
            data.put("message", apiError.getMessage());
            data.put("details", apiError.details());
            return mapper.writeValueAsString(Map.of("type", "error", "data", data));
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public HandshakeInfo getHandshakeInfo() {
            return session.getHandshakeInfo();
        }

        @Override
        public DataBufferFactory bufferFactory() {
            return session.bufferFactory();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return session.getAttributes();
        }

        @Override
        public Mono<Void> send(org.reactivestreams.Publisher<WebSocketMessage> messages) {
            return session.send(messages);
        }

        @Override
        public boolean isOpen() {
            return !closing.get() && session.isOpen();
        }

        @Override
        public Mono<Void> close(CloseStatus status) {
            return closing.compareAndSet(false, true) ? session.close(status) : Mono.empty();
        }

        @Override
        public Mono<CloseStatus> closeStatus() {
            return session.closeStatus();
        }

        @Override
        public WebSocketMessage textMessage(String payload) {
            return session.textMessage(payload);
        }

        @Override
        public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return session.binaryMessage(payloadFactory);
        }

        @Override
        public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return session.pingMessage(payloadFactory);
        }

        @Override
        public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
            return session.pongMessage(payloadFactory);
        }
    }
}
