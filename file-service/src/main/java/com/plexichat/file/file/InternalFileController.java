package com.plexichat.file.file;

import com.plexichat.file.file.FileRecords.FileAccessResponse;
import com.plexichat.platform.api.ApiResponse;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * "May user U attach file F", for messaging-service when its replica of file events does not know the file yet
 * (uploaded a moment ago) or the sender does not own it. Service credentials only (the realm role {@code service});
 * the gateway routes only {@code /v1}, so clients never reach it.
 */
@RestController
class InternalFileController {

    private final FileService files;

    InternalFileController(FileService files) {
        this.files = files;
    }

    @GetMapping("/internal/files/{id}/access/{userId}")
    ApiResponse<FileAccessResponse> access(@PathVariable UUID id, @PathVariable UUID userId) {
        FileService.FileAccess access = files.accessFor(id, userId).orElseThrow(FileService::notFound);
        return ApiResponse.ok(new FileAccessResponse(id, access.file().ownerId(), userId, access.readable()));
    }
}
