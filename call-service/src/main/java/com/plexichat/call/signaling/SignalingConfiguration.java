package com.plexichat.call.signaling;

import com.plexichat.call.CallProperties;
import com.plexichat.call.call.CallService;
import com.plexichat.call.room.Participants;
import com.plexichat.call.voice.VoiceService;
import com.plexichat.platform.security.SocketProbe;
import java.time.Clock;
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
class SignalingConfiguration implements WebSocketConfigurer {

    private final SignalingHandler handler;
    private final SignalingHandshake handshake;

    SignalingConfiguration(
            LocalSockets sockets,
            SignalRelay relay,
            Participants participants,
            VoiceService voice,
            CallService calls,
            CallProperties limits,
            JsonMapper mapper,
            Clock clock,
            JwtDecoder jwts) {
        this.handler = new SignalingHandler(sockets, relay, participants, voice, calls, limits, mapper, clock);
        this.handshake = new SignalingHandshake(jwts, participants, relay);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Any origin: sockets authenticate with a token, never a cookie.
        registry.addHandler(handler, "/v1/ws/voice/*")
                .addInterceptors(handshake, SocketProbe.INSTANCE)
                .setAllowedOriginPatterns("*");
    }

    /** The largest client frame; a larger one closes the socket (1009). */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(CallProperties limits) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(limits.maxFrameBytes());
        container.setMaxBinaryMessageBufferSize(limits.maxFrameBytes());
        return container;
    }
}
