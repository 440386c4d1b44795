package com.plexichat.gateway.versioning;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.gateway.config.RequestPattern;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * URL versioning: {@code /v2/...} (or any version not served) is a 404 that says the version is
 * unknown and which ones exist, before authentication, so a client learns it without a token.
 * Deprecated versions or routes get {@code Deprecation}, {@code Sunset} and {@code Link} headers.
 */
public class ApiVersionWebFilter implements WebFilter, Ordered {

    private static final Pattern VERSION = Pattern.compile("^/(v[0-9]+)(?:/|$)");

    private final Supplier<Parsed> settings;

    public ApiVersionWebFilter(LiveProperties<VersionProperties> properties) {
        this.settings = properties.derive(Parsed::of);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Parsed settings = this.settings.get();
        Matcher version = VERSION.matcher(exchange.getRequest().getPath().value());
        if (version.find() && !settings.source().supported().contains(version.group(1))) {
            return Mono.error(new ApiException(
                    ErrorCode.NOT_FOUND,
                    "Unknown API version " + version.group(1) + "; this server serves "
                            + String.join(", ", settings.source().supported()),
                    Map.of(
                            "version", version.group(1),
                            "supported", settings.source().supported())));
        }
        for (int i = 0; i < settings.patterns().size(); i++) {
            if (settings.patterns().get(i).matches(exchange.getRequest())) {
                VersionProperties.Deprecation deprecation =
                        settings.source().deprecations().get(i);
                exchange.getResponse().beforeCommit(() -> {
                    announce(exchange.getResponse().getHeaders(), deprecation);
                    return Mono.empty();
                });
                break;
            }
        }
        return chain.filter(exchange);
    }

    static void announce(HttpHeaders headers, VersionProperties.Deprecation deprecation) {
        headers.set("Deprecation", "@" + deprecation.deprecatedAt().getEpochSecond());
        if (deprecation.sunset() != null) {
            headers.setDate("Sunset", deprecation.sunset().toEpochMilli());
        }
        if (deprecation.link() != null) {
            headers.add(HttpHeaders.LINK, "<" + deprecation.link() + ">; rel=\"deprecation\"; type=\"text/html\"");
        }
    }

    private record Parsed(VersionProperties source, List<RequestPattern> patterns) {

        static Parsed of(VersionProperties source) {
            return new Parsed(
                    source,
                    source.deprecations().stream()
                            .map(d -> RequestPattern.parse(d.pattern()))
                            .toList());
        }
    }

    @Override
    public int getOrder() {
        return -300;
    }
}
