package com.plexichat.gateway.ratelimit;

import com.plexichat.platform.security.CurrentUser;
import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Whose bucket a request draws from: a user, an API key, or (anonymous) an IP. */
final class Identities {

    private Identities() {}

    /** {@code user:<sub>}, {@code key:<id>}, or null for an anonymous caller. */
    static String of(Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt) {
            return "user:" + jwt.getName();
        }
        if (principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof CurrentUser user) {
            return (user.apiKey() ? "key:" : "user:") + user.id();
        }
        return null;
    }

    static String ip(String address) {
        return "ip:" + address;
    }
}
