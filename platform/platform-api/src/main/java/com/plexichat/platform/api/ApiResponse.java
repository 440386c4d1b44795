package com.plexichat.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The response envelope of API-CONVENTIONS.md. Successful bodies carry {@code data} (and {@code
 * pagination} for lists), failed ones {@code error}; both carry {@code meta}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, T data, ApiError error, Object pagination, Meta meta) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, data, null, null, Meta.now(RequestIds.current()));
    }

    /** For reactive code, where the request id lives on the exchange rather than in the MDC. */
    public static <T> ApiResponse<T> ok(T data, String requestId) {
        return new ApiResponse<>(true, data, null, null, Meta.now(requestId));
    }

    public static <T> ApiResponse<List<T>> page(List<T> items, Pagination pagination) {
        return new ApiResponse<>(true, items, null, pagination, Meta.now(RequestIds.current()));
    }

    public static <T> ApiResponse<List<T>> cursor(List<T> items, CursorPagination pagination) {
        return new ApiResponse<>(true, items, null, pagination, Meta.now(RequestIds.current()));
    }

    public static ApiResponse<Void> error(ErrorCode code, String message, Object details) {
        return error(code, message, details, RequestIds.current());
    }

    public static ApiResponse<Void> error(ErrorCode code, String message, Object details, String requestId) {
        String text = message == null || message.isBlank() ? code.defaultMessage() : message;
        return new ApiResponse<>(false, null, new ApiError(code.name(), text, details), null, Meta.now(requestId));
    }
}
