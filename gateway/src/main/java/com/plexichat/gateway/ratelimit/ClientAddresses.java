package com.plexichat.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's IP: the socket's peer, unless that peer is a trusted proxy; then the nearest
 * {@code X-Forwarded-For} entry, from the right, that is not a trusted proxy. Anything left of
 * that is the client's own claim and is ignored, so a client cannot pick its own rate-limit key.
 */
public final class ClientAddresses {

    // IP literals only: InetAddress would resolve a host name, i.e. make a DNS query per request.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9a-fA-F:.]{2,45}");

    private final List<Cidr> trusted;

    public ClientAddresses(List<String> trustedProxies) {
        // From PLEXICHAT_TRUSTED_PROXIES as "a, b" (or empty): blanks and spaces are no proxies.
        this.trusted = trustedProxies.stream()
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .map(Cidr::parse)
                .toList();
    }

    public String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String candidate = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        if (trusted.isEmpty() || !isTrusted(candidate)) {
            return candidate;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getValuesAsList("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0 && isTrusted(candidate); i--) {
            String hop = hops.get(i);
            if (!IP_LITERAL.matcher(hop).matches()) {
                break;
            }
            candidate = hop;
        }
        return candidate;
    }

    private boolean isTrusted(String address) {
        if (!IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (Cidr range : trusted) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** An address ({@code 10.0.0.7}) or a range ({@code 10.0.0.0/8}, {@code fd00::/8}). */
    record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            if (!IP_LITERAL.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("Bad prefix length in " + text);
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + text, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
