package com.plexichat.file.share;

import com.plexichat.file.file.Downloads;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ShareController {

    /** Public (no token): the gateway lets it through and limits it per client IP. */
    static final String PUBLIC_PATH = "/v1/files/shared/";

    private final ShareService shares;
    private final Downloads downloads;

    ShareController(ShareService shares, Downloads downloads) {
        this.shares = shares;
        this.downloads = downloads;
    }

    /** @param expiresIn seconds (default one day, at most seven) */
    record ShareRequest(Long expiresIn) {}

    record ShareResponse(UUID id, String url, Instant expiresAt) {}

    @PostMapping("/v1/files/{id}/share")
    ResponseEntity<ApiResponse<ShareResponse>> share(
            @PathVariable UUID id, @RequestBody(required = false) ShareRequest request, CurrentUser caller) {
        ShareService.Shared shared = shares.share(id, request == null ? null : request.expiresIn(), caller);
        // The link itself is the new resource.
        return ResponseEntity.created(java.net.URI.create(shared.url()))
                .body(ApiResponse.ok(new ShareResponse(shared.id(), shared.url(), shared.expiresAt())));
    }

    @DeleteMapping("/v1/files/{id}/share")
    ResponseEntity<Void> revoke(@PathVariable UUID id, CurrentUser caller) {
        shares.revokeAll(id, caller);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(PUBLIC_PATH + "{token}")
    void open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        downloads.send(shares.open(token), request, response);
    }
}
