package com.plexichat.admin.settings;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/admin/settings}: read with its version as the ETag, replace with that version in If-Match. */
@RestController
@RequestMapping("/v1/admin/settings")
class SettingsController {

    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    ResponseEntity<ApiResponse<SettingsRecords.SettingsResponse>> get() {
        return answer(settings.current());
    }

    @PutMapping
    ResponseEntity<ApiResponse<SettingsRecords.SettingsResponse>> put(
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody SettingsRecords.SettingsRequest request,
            CurrentUser caller) {
        return answer(settings.change(version(ifMatch), request.settings(), caller.id()));
    }

    private static ResponseEntity<ApiResponse<SettingsRecords.SettingsResponse>> answer(SettingsStore.Stored stored) {
        return ResponseEntity.ok()
                .eTag(Long.toString(stored.version()))
                .body(ApiResponse.ok(SettingsRecords.SettingsResponse.of(stored)));
    }

    /** {@code "3"}, {@code W/"3"} or {@code 3}; a lost update is never allowed, so there is no {@code *}. */
    static long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(
                    ErrorCode.PRECONDITION_REQUIRED, "Send If-Match with the ETag of GET /v1/admin/settings");
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(
                ErrorCode.PRECONDITION_FAILED,
                "If-Match names no version of the settings",
                java.util.Map.of("if_match", ifMatch));
    }
}
