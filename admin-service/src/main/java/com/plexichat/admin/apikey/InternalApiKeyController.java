package com.plexichat.admin.apikey;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The gateway's and the services' key lookup, by hash (service credentials only; never the key itself). */
@RestController
class InternalApiKeyController {

    private final ApiKeyService keys;

    InternalApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping("/internal/api-keys/{hash}")
    ApiResponse<ApiKeyRecords.KeyLookupResponse> lookup(@PathVariable String hash) {
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new ApiException(ErrorCode.NOT_FOUND, "API key not found");
        }
        return ApiResponse.ok(
                keys.lookup(hash).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "API key not found")));
    }
}
