package com.plexichat.call;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.calls.*} (docs/calls.md).
 *
 * @param maxParticipants in one call or voice channel at once
 * @param ringTimeout how long a DM call rings before it is missed
 * @param heartbeatTimeout a participant whose signaling socket is silent this long leaves
 * @param stunUrls STUN servers handed to clients (no credentials)
 * @param turnUrls TURN servers (coturn with {@code use-auth-secret})
 * @param turnSecret coturn's {@code static-auth-secret}; without it no TURN server is offered
 * @param turnTtl how long one TURN credential works
 * @param framesPerMinute client frames a signaling socket may send a minute (trickle ICE sends many)
 * @param maxFrameBytes the largest client frame (an SDP offer with video is a few KiB); larger closes with 1009
 * @param sendBufferBytes queued output past which a slow socket is closed (1013)
 */
@ConfigurationProperties("plexichat.calls")
public record CallProperties(
        Integer maxParticipants,
        Duration ringTimeout,
        Duration heartbeatTimeout,
        List<String> stunUrls,
        List<String> turnUrls,
        String turnSecret,
        Duration turnTtl,
        Integer framesPerMinute,
        Integer maxFrameBytes,
        Long sendBufferBytes) {

    public CallProperties {
        maxParticipants = maxParticipants == null ? 50 : maxParticipants;
        ringTimeout = ringTimeout == null ? Duration.ofSeconds(30) : ringTimeout;
        heartbeatTimeout = heartbeatTimeout == null ? Duration.ofSeconds(30) : heartbeatTimeout;
        stunUrls = stunUrls == null ? List.of() : List.copyOf(stunUrls);
        turnUrls = turnUrls == null ? List.of() : List.copyOf(turnUrls);
        turnTtl = turnTtl == null ? Duration.ofHours(1) : turnTtl;
        framesPerMinute = framesPerMinute == null ? 600 : framesPerMinute;
        maxFrameBytes = maxFrameBytes == null ? 64 * 1024 : maxFrameBytes;
        sendBufferBytes = sendBufferBytes == null ? 1024 * 1024L : sendBufferBytes;
    }
}
