package com.plexichat.platform.api.servlet;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.CursorPagination;
import com.plexichat.platform.api.CursorQuery;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A stand-in service exercising every path of the envelope. */
@SpringBootApplication
class EnvelopeTestApplication {

    static final UUID KNOWN = UUID.fromString("7f1b0c1e-2a4b-4c3d-9e8f-001122334455");

    record CreateWidgetRequest(
            @NotBlank @Size(max = 20) String displayName,
            @Min(1) int quantity) {}

    record Widget(UUID id, String displayName, int quantity, Instant createdAt) {}

    @RestController
    @RequestMapping("/v1/widgets")
    static class WidgetController {

        @GetMapping("/{id}")
        ApiResponse<Widget> get(@PathVariable UUID id) {
            if (!id.equals(KNOWN)) {
                throw ApiException.notFound("Widget not found");
            }
            return ApiResponse.ok(new Widget(KNOWN, "Blue widget", 3, Instant.parse("2026-01-02T03:04:05Z")));
        }

        @GetMapping
        ApiResponse<List<Widget>> list(PageQuery page) {
            List<Widget> all = List.of(
                    new Widget(KNOWN, "a", 1, Instant.EPOCH),
                    new Widget(UUID.randomUUID(), "b", 2, Instant.EPOCH),
                    new Widget(UUID.randomUUID(), "c", 3, Instant.EPOCH));
            List<Widget> slice =
                    all.stream().skip(page.offset()).limit(page.perPage()).toList();
            return ApiResponse.page(slice, Pagination.of(page, all.size()));
        }

        @GetMapping("/feed")
        ApiResponse<List<Widget>> feed(CursorQuery cursor) {
            return ApiResponse.cursor(List.of(), new CursorPagination(cursor.limit(), false, null, null));
        }

        @PostMapping
        ResponseEntity<ApiResponse<Widget>> create(@Valid @RequestBody CreateWidgetRequest request) {
            Widget widget = new Widget(UUID.randomUUID(), request.displayName(), request.quantity(), Instant.now());
            return ResponseEntity.created(URI.create("/v1/widgets/" + widget.id()))
                    .body(ApiResponse.ok(widget));
        }

        @GetMapping("/boom")
        ApiResponse<Widget> boom() {
            throw new IllegalStateException("password=hunter2 at db.internal:5432");
        }

        @GetMapping("/conflict")
        ApiResponse<Widget> conflict() {
            throw ApiException.conflict("Widget name already taken");
        }

        @GetMapping("/rule")
        ApiResponse<Widget> rule() {
            throw ApiException.businessRule("The last widget cannot be removed");
        }

        @GetMapping("/forbidden")
        ApiResponse<Widget> forbidden() {
            throw ApiException.forbidden("Only owners may do this");
        }
    }
}
