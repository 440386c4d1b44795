package com.plexichat.platform.api.servlet;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.RequestIds;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error page: whatever the container reports (errors raised below
 * Spring MVC) reaches clients as the envelope, never with exception text.
 */
@RestController
class EnvelopeErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ApiResponse<Void>> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value ? value : 500;
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        if (id != null) {
            MDC.put(RequestIds.MDC_KEY, id.toString());
        }
        try {
            ErrorCode errorCode = ErrorCode.forStatus(code);
            return ResponseEntity.status(code)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ApiResponse.error(errorCode, null, null));
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
