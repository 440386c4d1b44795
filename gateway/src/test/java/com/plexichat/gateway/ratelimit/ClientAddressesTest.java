package com.plexichat.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTest {

    // As PLEXICHAT_TRUSTED_PROXIES="10.0.0.0/8, " binds: spaces and an empty entry around the real one.
    private final ClientAddresses addresses = new ClientAddresses(List.of(" 10.0.0.0/8", " ", ""));

    @Test
    void theIngressControllerNamesTheClient() {
        var request = MockServerHttpRequest.get("/v1/users/me")
                .remoteAddress(new InetSocketAddress("10.42.0.17", 41000))
                .header("X-Forwarded-For", "203.0.113.9")
                .build();
        assertThat(addresses.resolve(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void anyoneElseCannotChooseTheirAddress() {
        var request = MockServerHttpRequest.get("/v1/users/me")
                .remoteAddress(new InetSocketAddress("198.51.100.4", 41000))
                .header("X-Forwarded-For", "203.0.113.9")
                .build();
        assertThat(addresses.resolve(request)).isEqualTo("198.51.100.4");
    }

    @Test
    void noProxiesConfiguredBelievesNoHeader() {
        var request = MockServerHttpRequest.get("/v1/users/me")
                .remoteAddress(new InetSocketAddress("10.42.0.17", 41000))
                .header("X-Forwarded-For", "203.0.113.9")
                .build();
        assertThat(new ClientAddresses(List.of("")).resolve(request)).isEqualTo("10.42.0.17");
    }
}
