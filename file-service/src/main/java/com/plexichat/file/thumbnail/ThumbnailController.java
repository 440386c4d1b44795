package com.plexichat.file.thumbnail;

import com.plexichat.file.file.FileService;
import com.plexichat.file.file.FileService.FileView;
import com.plexichat.file.storage.MissingObjectException;
import com.plexichat.file.storage.ObjectStore;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ThumbnailController {

    private static final Map<String, String> WHY_NOT = Map.of(
            "pending", "The thumbnail is being made; try again in a moment",
            "none", "Only images have thumbnails",
            "too_large", "The image is too large for a thumbnail",
            "failed", "The image could not be read for a thumbnail");

    private final FileService files;
    private final ObjectStore store;

    ThumbnailController(FileService files, ObjectStore store) {
        this.files = files;
        this.store = store;
    }

    /**
     * The thumbnail of an image the caller may read: JPEG, or PNG when the image has transparency. Until it is made,
     * and for other files, 404 with the reason in {@code details} ({@code pending}, {@code not_an_image},
     * {@code too_large}, {@code failed}).
     */
    @GetMapping("/v1/files/{id}/thumbnail")
    void thumbnail(@PathVariable UUID id, CurrentUser caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        FileView file = files.readable(id, caller);
        if (!file.hasThumbnail()) {
            String status = file.thumbnailStatus();
            throw new ApiException(
                    ErrorCode.NOT_FOUND,
                    WHY_NOT.getOrDefault(status, "No thumbnail"),
                    Map.of("reason", "none".equals(status) ? "not_an_image" : status));
        }
        String etag = "\"t-" + file.sha256() + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        // A file's bytes never change, nor does its thumbnail.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=86400, immutable");
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        InputStream body;
        try {
            body = store.get(file.thumbnailKey());
        } catch (MissingObjectException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No thumbnail", Map.of("reason", "failed"));
        }
        response.setContentType(file.thumbnailKey().endsWith(".png") ? "image/png" : "image/jpeg");
        try (body;
                OutputStream out = response.getOutputStream()) {
            body.transferTo(out);
        }
    }
}
