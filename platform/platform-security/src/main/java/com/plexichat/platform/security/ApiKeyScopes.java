package com.plexichat.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What an API key may do: each scope opens one family of routes, {@code <family>:read} for {@code GET}, {@code
 * HEAD} and {@code OPTIONS}, {@code <family>:write} for the rest; {@code admin} opens {@code /v1/admin/**} (and
 * makes the key an administrator where services check the role). The gateway enforces it and so do the services.
 * Families are tried in order, so {@code /v1/channels/{id}/messages} is {@code messages}, not {@code channels}. A
 * path in no family (an unknown one, or {@code /v1/auth/**}, where keys have no account) needs no scope: routing or
 * the service answers it.
 */
public final class ApiKeyScopes {

    public static final String ADMIN = "admin";

    private record Family(String name, List<PathPattern> paths) {

        boolean covers(PathContainer path) {
            return paths.stream().anyMatch(p -> p.matches(path));
        }
    }

    private static final List<Family> FAMILIES = List.of(
            family(ADMIN, "/v1/admin/**"),
            family("calls", "/v1/calls/**", "/v1/channels/*/voice/**", "/v1/ws/voice/**"),
            family("messages", "/v1/channels/*/messages/**", "/v1/messages/**", "/v1/dm/**", "/v1/ws/**"),
            family("files", "/v1/files/**"),
            family("channels", "/v1/channels/**"),
            family("organizations", "/v1/organizations/**"),
            family("users", "/v1/users/**"));

    /** Every scope a key may be given. */
    public static final Set<String> ALL = all();

    private ApiKeyScopes() {}

    /** The scope a request needs; empty when no family covers the path. */
    public static Optional<String> required(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Family family : FAMILIES) {
            if (family.covers(container)) {
                if (family.name().equals(ADMIN)) {
                    return Optional.of(ADMIN);
                }
                boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
                return Optional.of(family.name() + (read ? ":read" : ":write"));
            }
        }
        return Optional.empty();
    }

    public static boolean permits(Set<String> scopes, String method, String path) {
        return required(method, path).map(scopes::contains).orElse(true);
    }

    /** A key's realm roles: {@code admin} with the admin scope, none otherwise. */
    public static Set<String> roles(Set<String> scopes) {
        return scopes.contains(ADMIN) ? Set.of("admin") : Set.of();
    }

    private static Family family(String name, String... patterns) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        return new Family(
                name, java.util.Arrays.stream(patterns).map(parser::parse).toList());
    }

    private static Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        for (Family family : FAMILIES) {
            if (family.name().equals(ADMIN)) {
                all.add(ADMIN);
            } else {
                all.add(family.name() + ":read");
                all.add(family.name() + ":write");
            }
        }
        return Set.copyOf(all);
    }
}
