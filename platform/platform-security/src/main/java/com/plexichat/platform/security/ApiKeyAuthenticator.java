package com.plexichat.platform.security;

import java.util.Optional;

/**
 * The hook for {@code X-API-Key} authentication: a service (or a later admin-service client)
 * provides a bean that looks a raw key up (hashed) and returns its principal, or empty when the key
 * is unknown or revoked. Without such a bean, requests carrying an API key are refused.
 */
public interface ApiKeyAuthenticator {

    Optional<CurrentUser> authenticate(String rawKey);
}
