package com.plexichat.platform.api;

/** The error codes of API-CONVENTIONS.md, each with the HTTP status it is sent with. */
public enum ErrorCode {
    VALIDATION_ERROR(400),
    UNAUTHORIZED(401),
    TWO_FACTOR_REQUIRED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    PRECONDITION_FAILED(412),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RANGE_NOT_SATISFIABLE(416),
    BUSINESS_RULE_VIOLATION(422),
    ACCOUNT_LOCKED(423),
    PRECONDITION_REQUIRED(428),
    RATE_LIMITED(429),
    REQUEST_HEADER_FIELDS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503),
    GATEWAY_TIMEOUT(504);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code a bare status maps to, for errors raised below our handlers (the container, the
     * framework). Statuses without a code of their own fall back by class.
     */
    public static ErrorCode forStatus(int status) {
        for (ErrorCode code : values()) {
            if (code.status == status && code != TWO_FACTOR_REQUIRED) {
                return code;
            }
        }
        if (status >= 500) {
            return INTERNAL_ERROR;
        }
        return VALIDATION_ERROR;
    }

    /** A message safe to show a client when nothing more specific is known. */
    public String defaultMessage() {
        return switch (this) {
            case VALIDATION_ERROR -> "Invalid input provided";
            case UNAUTHORIZED -> "Authentication required";
            case TWO_FACTOR_REQUIRED -> "Second factor required";
            case FORBIDDEN -> "You are not allowed to do this";
            case NOT_FOUND -> "Resource not found";
            case METHOD_NOT_ALLOWED -> "Method not allowed on this resource";
            case NOT_ACCEPTABLE -> "Only application/json responses are available";
            case CONFLICT -> "Resource already exists or was changed";
            case PRECONDITION_FAILED -> "The resource changed since you read it";
            case PRECONDITION_REQUIRED -> "Send If-Match with the version you read";
            case PAYLOAD_TOO_LARGE -> "Request body too large";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported content type; send application/json";
            case RANGE_NOT_SATISFIABLE -> "The requested range is not within the resource";
            case BUSINESS_RULE_VIOLATION -> "The request breaks a business rule";
            case ACCOUNT_LOCKED -> "Account temporarily locked after failed logins";
            case RATE_LIMITED -> "Too many requests";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "Request headers too large";
            case INTERNAL_ERROR -> "An unexpected error occurred";
            case SERVICE_UNAVAILABLE -> "Service temporarily unavailable";
            case GATEWAY_TIMEOUT -> "Upstream service timed out";
        };
    }
}
