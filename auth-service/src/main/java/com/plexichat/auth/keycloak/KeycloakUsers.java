package com.plexichat.auth.keycloak;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm's users through the admin API, as auth-service's service account (realm-management
 * {@code manage-users}). Keycloak's refusals become the envelope's codes: a taken username or email
 * is 409, a password the realm's policy refuses is 400 on {@code password}.
 */
public class KeycloakUsers {

    public static final String DISPLAY_NAME = "display_name";
    /** Why an administrator suspended the account; a refused login shows it. */
    public static final String SUSPENSION_REASON = "suspension_reason";

    private final RealmResource realm;
    private final JsonMapper json = JsonMapper.builder().build();

    KeycloakUsers(RealmResource realm) {
        this.realm = realm;
    }

    /** Creates an enabled user with an unverified email and the realm's default roles ({@code user}). */
    public UUID create(String username, String email, String password, String displayName) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEnabled(true);
        user.setEmailVerified(false);
        user.setAttributes(Map.of(DISPLAY_NAME, List.of(displayName)));
        user.setCredentials(List.of(password(password)));
        return call(() -> {
            try (Response response = realm.users().create(user)) {
                if (response.getStatus() == 409) {
                    throw new ApiException(
                            ErrorCode.CONFLICT,
                            "Username or email already taken",
                            Map.of("field", conflictField(response, username, email)));
                }
                if (response.getStatus() == 400) {
                    throw refusedPassword(response, "password");
                }
                return UUID.fromString(CreatedResponseUtil.getCreatedId(response));
            }
        });
    }

    public Optional<UserRepresentation> find(UUID id) {
        return call(() -> {
            try {
                return Optional.of(user(id).toRepresentation());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** The user whose username or email this is (exact, case-insensitive as Keycloak stores both lower-case). */
    public Optional<UserRepresentation> findByUsernameOrEmail(String usernameOrEmail) {
        String value = usernameOrEmail.strip().toLowerCase(java.util.Locale.ROOT);
        return call(() -> {
            try {
                List<UserRepresentation> found = value.contains("@")
                        ? realm.users().searchByEmail(value, true)
                        : realm.users().search(value, true);
                return found.stream().findFirst();
            } catch (jakarta.ws.rs.BadRequestException e) {
                // a value Keycloak cannot even search for (control characters) names nobody
                return Optional.<UserRepresentation>empty();
            }
        });
    }

    public List<String> realmRoles(UUID id) {
        return call(() -> user(id).roles().realmLevel().listEffective().stream()
                .map(RoleRepresentation::getName)
                .filter(name -> name.equals("user") || name.equals("admin"))
                .sorted()
                .toList());
    }

    public void update(UUID id, Consumer<UserRepresentation> change) {
        call(() -> {
            UserRepresentation user = user(id).toRepresentation();
            change.accept(user);
            try {
                user(id).update(user);
            } catch (ClientErrorException e) {
                if (e.getResponse().getStatus() == 409) {
                    throw new ApiException(ErrorCode.CONFLICT, "Email already taken", Map.of("field", "email"));
                }
                throw e;
            }
            return null;
        });
    }

    /** Sets a new password, checked against the realm's policy. */
    public void setPassword(UUID id, String password) {
        setPassword(id, password, "password");
    }

    /** @param field the request field the password came in, for the error */
    public void setPassword(UUID id, String password, String field) {
        call(() -> {
            try {
                user(id).resetPassword(password(password));
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() == 400) {
                    throw refusedPassword(e.getResponse(), field);
                }
                throw e;
            }
            return null;
        });
    }

    /** Ends every session of the user (their refresh tokens stop working). */
    public void logoutEverywhere(UUID id) {
        call(() -> {
            user(id).logout();
            return null;
        });
    }

    /** Ends one session (a logout when the client kept no refresh token). */
    public void endSession(String sessionId) {
        call(() -> {
            try {
                realm.deleteSession(sessionId, false);
            } catch (NotFoundException e) {
                // already ended
            }
            return null;
        });
    }

    public void delete(UUID id) {
        call(() -> {
            try {
                user(id).remove();
                return null;
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    /** Whether brute-force detection has locked the account for now. */
    public boolean lockedOut(UUID id) {
        return call(() -> Boolean.TRUE.equals(
                realm.attackDetection().bruteForceUserStatus(id.toString()).get("disabled")));
    }

    private UserResource user(UUID id) {
        return realm.users().get(id.toString());
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setTemporary(false);
        credential.setValue(value);
        return credential;
    }

    /** Keycloak's 400: the password policy, or its own checks of the username or email. */
    private ApiException refusedPassword(Response response, String passwordField) {
        String field = passwordField;
        String reason = "is not accepted by the password policy";
        try {
            JsonNode body = json.readTree(response.readEntity(String.class));
            String code = body.path("errorMessage").asString(body.path("error").asString(""));
            String description = body.path("error_description").asString("");
            String lower = code.toLowerCase(java.util.Locale.ROOT);
            if (!lower.contains("password") && lower.contains("email")) {
                field = "email";
                reason = "is not a valid email address";
            } else if (!lower.contains("password") && lower.contains("username")) {
                field = "username";
                reason = "is not a valid username";
            } else if (!description.isBlank()) {
                reason = description.replaceFirst("^Invalid password: ", "");
            }
        } catch (RuntimeException e) {
            // keep the generic reason
        }
        return new ApiException(
                ErrorCode.VALIDATION_ERROR, "Invalid input provided", Map.of("field", field, "reason", reason));
    }

    private String conflictField(Response response, String username, String email) {
        try {
            String body = response.readEntity(String.class);
            return body != null && body.toLowerCase(java.util.Locale.ROOT).contains("email") ? "email" : "username";
        } catch (RuntimeException e) {
            return "username";
        }
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ProcessingException e) {
            throw KeycloakTokens.unavailable(e);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() >= 500) {
                throw KeycloakTokens.unavailable(e);
            }
            throw e;
        }
    }
}
