package com.plexichat.file.upload;

import com.plexichat.file.file.FileRecords.FileResponse;
import com.plexichat.file.file.FileService.FileView;
import com.plexichat.file.upload.UploadSessionService.SessionResponse;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Resumable uploads (docs/files.md): create a session, PUT its parts, complete it. */
@RestController
@RequestMapping("/v1/files/uploads")
class UploadSessionController {

    private final UploadSessionService uploads;

    UploadSessionController(UploadSessionService uploads) {
        this.uploads = uploads;
    }

    record CreateUpload(@Size(max = 4096) String name, Long size, UUID conversationId) {}

    @PostMapping
    ResponseEntity<ApiResponse<SessionResponse>> create(@Valid @RequestBody CreateUpload request, CurrentUser caller) {
        var session = uploads.create(request.name(), request.size(), request.conversationId(), caller);
        return ResponseEntity.created(URI.create("/v1/files/uploads/" + session.id()))
                .body(ApiResponse.ok(session));
    }

    @GetMapping("/{id}")
    ApiResponse<SessionResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(uploads.get(id, caller));
    }

    @PutMapping("/{id}/parts/{number}")
    ApiResponse<SessionResponse> part(
            @PathVariable UUID id, @PathVariable int number, HttpServletRequest request, CurrentUser caller)
            throws IOException {
        return ApiResponse.ok(
                uploads.putPart(id, number, request.getContentLengthLong(), request.getInputStream(), caller));
    }

    @PostMapping("/{id}/complete")
    ResponseEntity<ApiResponse<FileResponse>> complete(@PathVariable UUID id, CurrentUser caller) {
        FileView file = uploads.complete(id, caller);
        return ResponseEntity.created(URI.create("/v1/files/" + file.id())).body(ApiResponse.ok(FileResponse.of(file)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> cancel(@PathVariable UUID id, CurrentUser caller) {
        uploads.cancel(id, caller);
        return ResponseEntity.noContent().build();
    }
}
