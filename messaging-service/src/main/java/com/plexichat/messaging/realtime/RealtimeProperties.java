package com.plexichat.messaging.realtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.realtime.*}: the WebSocket limits.
 *
 * @param framesPerMinute client frames a user may send per minute on one socket (then an error frame)
 * @param closeAfterRefused frames refused in a row before the socket is closed with 1008
 * @param maxFrameBytes the largest client frame (a larger one closes the socket with 1009)
 * @param sendBufferBytes what may wait for a slow client before it is closed (1013, "too slow")
 * @param sendTimeLimit how long one write to a client may block before the socket is closed
 * @param replayLimit messages replayed at most on connect with {@code after_seq} (more: use REST)
 */
@ConfigurationProperties("plexichat.realtime")
record RealtimeProperties(
        Integer framesPerMinute,
        Integer closeAfterRefused,
        Integer maxFrameBytes,
        Integer sendBufferBytes,
        Duration sendTimeLimit,
        Integer replayLimit) {

    RealtimeProperties {
        framesPerMinute = framesPerMinute == null ? 100 : framesPerMinute;
        closeAfterRefused = closeAfterRefused == null ? 10 : closeAfterRefused;
        maxFrameBytes = maxFrameBytes == null ? 16 * 1024 : maxFrameBytes;
        sendBufferBytes = sendBufferBytes == null ? 512 * 1024 : sendBufferBytes;
        sendTimeLimit = sendTimeLimit == null ? Duration.ofSeconds(10) : sendTimeLimit;
        replayLimit = replayLimit == null ? 1000 : replayLimit;
    }
}
