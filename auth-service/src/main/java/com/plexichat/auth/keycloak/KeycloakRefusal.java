package com.plexichat.auth.keycloak;

/**
 * Keycloak said no to a token request (wrong password, disabled account, reused refresh token...).
 * Its OAuth error code and description decide what the client is told.
 */
public class KeycloakRefusal extends RuntimeException {

    private final int status;
    private final String error;
    private final String description;

    KeycloakRefusal(int status, String error, String description) {
        super(status + " " + error + ": " + description);
        this.status = status;
        this.error = error == null ? "" : error;
        this.description = description == null ? "" : description;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return description;
    }
}
