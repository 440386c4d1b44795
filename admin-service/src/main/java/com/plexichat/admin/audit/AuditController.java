package com.plexichat.admin.audit;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/v1/admin/audit-logs")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping
    ApiResponse<List<AuditRecords.AuditEntryResponse>> list(
            @RequestParam(name = "actor_id", required = false) String actorId,
            @RequestParam(required = false) String action,
            @RequestParam(name = "target_type", required = false) String targetType,
            @RequestParam(name = "target_id", required = false) String targetId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 100) {
            throw ApiException.invalid("limit", "must be between 1 and 100");
        }
        AuditLog.Filter filter = new AuditLog.Filter(
                AuditTrail.uuid(actorId, "actor_id"),
                blankToNull(action),
                blankToNull(targetType),
                blankToNull(targetId),
                instant(from, "from"),
                instant(to, "to"));
        AuditTrail.Page page = trail.page(filter, cursor, size);
        return ApiResponse.cursor(page.items(), page.pagination());
    }

    @GetMapping("/verify")
    ApiResponse<Map<String, Object>> verify() {
        return ApiResponse.ok(trail.verify());
    }

    /** The whole log as NDJSON, oldest first, streamed. */
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(trail::export);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }
}
