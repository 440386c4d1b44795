package com.plexichat.call.ice;

import com.plexichat.call.CallProperties;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * What a participant's WebRTC stack is told to use: the STUN servers, and the TURN servers with a credential in
 * coturn's REST-API scheme ({@code use-auth-secret}): username {@code "<expiry unix time>:<user id>"}, credential
 * {@code base64(HMAC-SHA1(secret, username))}. coturn checks it with the same secret and refuses it after expiry;
 * nothing is stored.
 */
@Component
public class IceServers {

    /** One entry of RTCConfiguration.iceServers; {@code ttl} in seconds (TURN only). */
    public record IceServer(List<String> urls, String username, String credential, Long ttl) {}

    private final CallProperties properties;
    private final Clock clock;

    IceServers(CallProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public List<IceServer> forUser(UUID userId) {
        List<IceServer> servers = new ArrayList<>();
        if (!properties.stunUrls().isEmpty()) {
            servers.add(new IceServer(properties.stunUrls(), null, null, null));
        }
        String secret = properties.turnSecret();
        if (!properties.turnUrls().isEmpty() && secret != null && !secret.isBlank()) {
            long ttl = properties.turnTtl().toSeconds();
            String username = (clock.instant().getEpochSecond() + ttl) + ":" + userId;
            servers.add(new IceServer(properties.turnUrls(), username, credential(secret, username), ttl));
        }
        return List.copyOf(servers);
    }

    static String credential(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
