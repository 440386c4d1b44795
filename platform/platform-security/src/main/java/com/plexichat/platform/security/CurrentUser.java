package com.plexichat.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller: a user (id = Keycloak subject) or, with an API key, a service client.
 * Controllers take it as a parameter.
 */
public record CurrentUser(UUID id, String username, Set<String> roles, boolean apiKey) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole("admin");
    }
}
