package com.plexichat.admin.apikey;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/admin/api-keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    ResponseEntity<ApiResponse<ApiKeyRecords.ApiKeyResponse>> create(
            @Valid @RequestBody ApiKeyRecords.CreateKey request, CurrentUser caller) {
        ApiKeyRecords.ApiKeyResponse created = keys.create(request, caller.id());
        return ResponseEntity.created(URI.create("/v1/admin/api-keys/" + created.id()))
                .body(ApiResponse.ok(created));
    }

    @GetMapping
    ApiResponse<List<ApiKeyRecords.ApiKeyResponse>> list(PageQuery page) {
        ApiKeyService.Page result = keys.list(page);
        return ApiResponse.page(result.items(), result.pagination());
    }

    @GetMapping("/{id}")
    ApiResponse<ApiKeyRecords.ApiKeyResponse> get(@PathVariable UUID id) {
        return ApiResponse.ok(keys.get(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, CurrentUser caller) {
        keys.revoke(id, caller.id());
        return ResponseEntity.noContent().build();
    }
}
