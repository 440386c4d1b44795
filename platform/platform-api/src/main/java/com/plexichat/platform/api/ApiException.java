package com.plexichat.platform.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a client should see as-is: services throw it (or a subclass) with the code, a message
 * written for the client, and optional details. The one exception handler turns it into the
 * envelope.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, Object details) {
        super(message == null ? code.defaultMessage() : message);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public Object details() {
        return details;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException businessRule(String message) {
        return new ApiException(ErrorCode.BUSINESS_RULE_VIOLATION, message);
    }

    public static ApiException invalid(String field, String reason) {
        return new ApiException(
                ErrorCode.VALIDATION_ERROR, "Invalid input provided", FieldError.details(field, reason));
    }

    /** One failed field, as {@code details} shows it. */
    public record FieldError(String field, String reason) {

        static Map<String, String> details(String field, String reason) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("field", field);
            details.put("reason", reason);
            return details;
        }
    }
}
