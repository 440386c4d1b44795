package com.plexichat.platform.api.servlet;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;

/**
 * The one exception handler: every failure leaves a service as the envelope with a code of
 * API-CONVENTIONS.md. Unknown exceptions are logged with the request id and answered with a 500
 * that never carries the exception's text.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiResponse<Void>> api(ApiException e) {
        return respond(e.code(), e.getMessage(), e.details());
    }

    @ExceptionHandler(BindException.class) // includes MethodArgumentNotValidException
    ResponseEntity<ApiResponse<Void>> invalidBody(BindException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getFieldErrors().forEach(f -> errors.add(field(FieldNames.snake(f.getField()), f.getDefaultMessage())));
        e.getGlobalErrors().forEach(g -> errors.add(field(g.getObjectName(), g.getDefaultMessage())));
        return validation(errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiResponse<Void>> invalidParameters(HandlerMethodValidationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> {
            String name = r.getMethodParameter().getParameterName();
            r.getResolvableErrors()
                    .forEach(err -> errors.add(
                            field(FieldNames.snake(name == null ? "parameter" : name), err.getDefaultMessage())));
        });
        return validation(errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiResponse<Void>> constraint(ConstraintViolationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            String leaf = path.substring(path.lastIndexOf('.') + 1);
            errors.add(field(FieldNames.snake(leaf), v.getMessage()));
        });
        return validation(errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiResponse<Void>> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty()) {
            String path = FieldNames.path(databind.getPath());
            return respond(
                    ErrorCode.VALIDATION_ERROR,
                    "Invalid input provided",
                    field(path, "has the wrong type or is not allowed"));
        }
        if (e.getCause() == null && e.getMessage() != null && e.getMessage().startsWith("Required request body")) {
            return respond(ErrorCode.VALIDATION_ERROR, "Request body is missing", null);
        }
        return respond(ErrorCode.VALIDATION_ERROR, "Malformed JSON request body", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> typeMismatch(MethodArgumentTypeMismatchException e) {
        String type =
                e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return respond(
                ErrorCode.VALIDATION_ERROR,
                "Invalid input provided",
                field(FieldNames.snake(e.getName()), "must be a valid " + type));
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<ApiResponse<Void>> typeMismatch(TypeMismatchException e) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return respond(
                ErrorCode.VALIDATION_ERROR,
                "Invalid input provided",
                field(FieldNames.snake(name), "has the wrong type"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiResponse<Void>> missingParameter(MissingServletRequestParameterException e) {
        return respond(
                ErrorCode.VALIDATION_ERROR, "Invalid input provided", field(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiResponse<Void>> missingHeader(MissingRequestHeaderException e) {
        return respond(
                ErrorCode.VALIDATION_ERROR, "Invalid input provided", field(e.getHeaderName(), "header is required"));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiResponse<Void>> notFound(Exception e) {
        return respond(ErrorCode.NOT_FOUND, "No such resource", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return respond(
                ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed here",
                e.getSupportedMethods() == null ? null : Map.of("allowed", List.of(e.getSupportedMethods())),
                headers);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiResponse<Void>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, Map.of("supported", List.of(MediaType.APPLICATION_JSON_VALUE)));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiResponse<Void>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(ErrorCode.NOT_ACCEPTABLE, null, null);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiResponse<Void>> tooLarge(MaxUploadSizeExceededException e) {
        return respond(ErrorCode.PAYLOAD_TOO_LARGE, null, null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiResponse<Void>> unexpected(Exception e) throws Exception {
        if (SecurityExceptions.isSecurityException(e)) {
            throw e; // Spring Security's ExceptionTranslationFilter answers these with 401/403.
        }
        if (e instanceof ErrorResponse framework) {
            // Framework exceptions that already know their status.
            ErrorCode code = ErrorCode.forStatus(framework.getStatusCode().value());
            if (code != ErrorCode.INTERNAL_ERROR) {
                return respond(code, null, null);
            }
        }
        log.error("Unhandled exception", e);
        return respond(ErrorCode.INTERNAL_ERROR, null, null);
    }

    private static ResponseEntity<ApiResponse<Void>> validation(List<Map<String, String>> errors) {
        Object details = errors.size() == 1 ? errors.getFirst() : Map.of("errors", errors);
        return respond(ErrorCode.VALIDATION_ERROR, "Invalid input provided", details);
    }

    private static Map<String, String> field(String name, String reason) {
        Map<String, String> field = new LinkedHashMap<>();
        field.put("field", name);
        field.put("reason", reason == null ? "is invalid" : reason);
        return field;
    }

    static ResponseEntity<ApiResponse<Void>> respond(ErrorCode code, String message, Object details) {
        return respond(code, message, details, new HttpHeaders());
    }

    private static ResponseEntity<ApiResponse<Void>> respond(
            ErrorCode code, String message, Object details, HttpHeaders headers) {
        // A dependency that is down or stalled: clients wait a little instead of hammering it (API-CONVENTIONS.md).
        if (code == ErrorCode.SERVICE_UNAVAILABLE && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, "5");
        }
        // A preset Content-Type makes Spring skip Accept negotiation, so even a 406 has a JSON body.
        return ResponseEntity.status(code.status())
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.error(code, message, details));
    }
}
