package com.plexichat.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller: a user (id = Keycloak subject) or, with an API key, a service client (id = the key's
 * id, {@code scopes} = what the key may do, see {@link ApiKeyScopes}). Controllers take it as a parameter.
 */
public record CurrentUser(UUID id, String username, Set<String> roles, boolean apiKey, Set<String> scopes) {

    public CurrentUser {
        roles = Set.copyOf(roles);
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public CurrentUser(UUID id, String username, Set<String> roles, boolean apiKey) {
        this(id, username, roles, apiKey, Set.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole("admin");
    }
}
