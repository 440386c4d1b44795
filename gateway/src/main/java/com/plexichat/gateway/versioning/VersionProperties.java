package com.plexichat.gateway.versioning;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * {@code plexichat.gateway.versions.*}: the API versions served, and what is on its way out.
 *
 * @param supported versions served, e.g. {@code [v1]}; any other {@code /vN/...} is an unknown version
 * @param deprecations deprecated versions or routes, first match wins
 */
public record VersionProperties(List<String> supported, List<Deprecation> deprecations) {

    public VersionProperties {
        supported = supported == null || supported.isEmpty() ? List.of("v1") : List.copyOf(supported);
        deprecations = deprecations == null ? List.of() : List.copyOf(deprecations);
    }

    /**
     * One deprecated version or route: responses carry {@code Deprecation} (RFC 9745), {@code Sunset}
     * (RFC 8594) and a {@code Link} to the migration guide.
     *
     * @param pattern {@code "/v1/**"} or {@code "GET /v1/users"}
     * @param deprecatedAt since when it is deprecated
     * @param sunset when it stops answering (optional)
     * @param link the migration guide (optional)
     */
    public record Deprecation(String pattern, Instant deprecatedAt, Instant sunset, URI link) {

        public Deprecation {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("A deprecation needs a pattern");
            }
            if (deprecatedAt == null) {
                throw new IllegalArgumentException("A deprecation needs deprecated-at");
            }
        }
    }
}
