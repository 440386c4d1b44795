package com.plexichat.gateway.config;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A request pattern as configuration writes it: {@code "POST /v1/auth/login"} or, for every
 * method, {@code "/v1/files/**"}.
 */
public record RequestPattern(HttpMethod method, PathPattern path) {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    public static RequestPattern parse(String text) {
        String trimmed = text.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return new RequestPattern(null, PARSER.parse(trimmed));
        }
        HttpMethod method = HttpMethod.valueOf(trimmed.substring(0, space).toUpperCase(Locale.ROOT));
        return new RequestPattern(
                method, PARSER.parse(trimmed.substring(space + 1).trim()));
    }

    public static List<RequestPattern> parseAll(List<String> texts) {
        return texts.stream().map(RequestPattern::parse).toList();
    }

    public boolean matches(ServerHttpRequest request) {
        return (method == null || method.equals(request.getMethod()))
                && path.matches(request.getPath().pathWithinApplication());
    }

    public static boolean anyMatches(List<RequestPattern> patterns, ServerHttpRequest request) {
        for (RequestPattern pattern : patterns) {
            if (pattern.matches(request)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return method == null ? path.getPatternString() : method.name() + " " + path.getPatternString();
    }
}
