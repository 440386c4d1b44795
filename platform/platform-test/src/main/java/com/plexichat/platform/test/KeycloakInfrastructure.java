package com.plexichat.platform.test;

/** A real Keycloak with the {@code plexichat} realm imported from the one realm JSON. */
public interface KeycloakInfrastructure {

    String url();

    default String issuer() {
        return url() + "/realms/plexichat";
    }

    /** The master realm's bootstrap administrator (for the admin API). */
    String bootstrapAdminUsername();

    String bootstrapAdminPassword();

    /** The secret of the confidential {@code auth-service} client. */
    String authClientSecret();

    /** The secret of a service's own confidential client ({@code messaging-service}, ...), for its service account. */
    String serviceClientSecret(String service);

    /** The password of the realm's first admin user, {@code admin}. */
    String realmAdminPassword();
}
