package com.plexichat.messaging.realtime;

import com.plexichat.messaging.conversation.Conversations;
import com.plexichat.messaging.message.MessageService;
import com.plexichat.platform.events.EphemeralEvents;
import com.plexichat.platform.security.SocketProbe;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(RealtimeProperties.class)
class RealtimeConfiguration implements WebSocketConfigurer {

    private final RealtimeHandler handler;
    private final SocketHandshake handshake;

    RealtimeConfiguration(
            Sessions sessions,
            Conversations conversations,
            MessageService messages,
            EphemeralEvents typingEvents,
            JsonMapper mapper,
            RealtimeProperties limits,
            Clock clock,
            JwtDecoder jwts,
            Fanout fanout,
            ConnectionEvents connections) {
        this.handler = new RealtimeHandler(
                sessions, conversations, messages, typingEvents, mapper, limits, clock, connections);
        this.handshake = new SocketHandshake(jwts, conversations, fanout);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Any origin: sockets authenticate with a token, never a cookie, so another site gains nothing.
        registry.addHandler(handler, "/v1/ws/connect", "/v1/ws/channels/*", "/v1/ws/dm/*")
                .addInterceptors(handshake, SocketProbe.INSTANCE)
                .setAllowedOriginPatterns("*");
    }

    /** {@code plexichat.websocket.connections}: the sockets open on this replica, counted when scraped. */
    @Bean
    MeterBinder webSocketConnectionsMetric(Sessions sessions) {
        return registry -> Gauge.builder("plexichat.websocket.connections", sessions, Sessions::count)
                .description("WebSockets open on this replica")
                .strongReference(true)
                .register(registry);
    }

    /** The largest client frame; a larger one closes the socket (1009). */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(RealtimeProperties limits) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(limits.maxFrameBytes());
        container.setMaxBinaryMessageBufferSize(limits.maxFrameBytes());
        return container;
    }
}
