package com.plexichat.file.file;

import com.plexichat.file.file.FileRecords.FileResponse;
import com.plexichat.file.file.FileRecords.LimitsResponse;
import com.plexichat.file.file.FileService.FileView;
import com.plexichat.file.file.FileService.StoredUpload;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/files")
class FileController {

    private static final String FILE_PART = "file";
    private static final String CONVERSATION_FIELD = "conversation_id";

    private final FileService files;
    private final Downloads downloads;

    FileController(FileService files, Downloads downloads) {
        this.files = files;
        this.downloads = downloads;
    }

    /**
     * {@code multipart/form-data} with one {@code file} part and an optional {@code conversation_id} (a field, or
     * a query parameter). The body is read as a stream: the file part goes to S3 as it arrives. A
     * {@code conversation_id} sent before the file (or in the query) is checked before any byte is stored.
     */
    @PostMapping
    ResponseEntity<ApiResponse<FileResponse>> upload(
            HttpServletRequest request,
            @RequestParam(name = CONVERSATION_FIELD, required = false) UUID conversationId,
            CurrentUser caller) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the file as multipart/form-data with a part named file",
                    Map.of("supported", List.of("multipart/form-data")));
        }
        files.checkUpload(caller, conversationId, request.getContentLengthLong());
        boolean conversationChecked = true;
        StoredUpload stored = null;
        try {
            JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser = parser();
            FileItemInputIterator parts = parser.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField() && CONVERSATION_FIELD.equals(part.getFieldName())) {
                    if (conversationId != null) {
                        throw ApiException.invalid(CONVERSATION_FIELD, "given twice");
                    }
                    conversationId = uuid(smallValue(part.getInputStream()));
                    conversationChecked = stored == null;
                    if (conversationChecked) {
                        files.checkUpload(caller, conversationId, -1);
                    }
                } else if (!part.isFormField() && FILE_PART.equals(part.getFieldName())) {
                    if (stored != null) {
                        throw ApiException.invalid(FILE_PART, "one file per upload");
                    }
                    stored = files.store(caller, rawName(parser, part), part.getInputStream());
                } else {
                    throw ApiException.invalid(
                            part.getFieldName() == null ? "body" : part.getFieldName(),
                            "unknown part; send file and, optionally, conversation_id");
                }
            }
            if (stored == null) {
                throw ApiException.invalid(FILE_PART, "is required (a part named file)");
            }
            FileView file = files.register(stored, conversationId, conversationChecked, caller);
            return ResponseEntity.created(URI.create("/v1/files/" + file.id()))
                    .body(ApiResponse.ok(FileResponse.of(file)));
        } catch (IOException e) {
            if (stored != null) {
                files.discard(stored);
            }
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "Malformed multipart/form-data body",
                    Map.of("field", "body", "reason", "malformed_multipart"));
        } catch (RuntimeException e) {
            if (stored != null) {
                files.discard(stored);
            }
            throw e;
        }
    }

    @GetMapping
    ApiResponse<List<FileResponse>> list(
            @RequestParam(name = CONVERSATION_FIELD, required = false) UUID conversationId,
            @RequestParam(name = "content_type", required = false) String contentType,
            PageQuery page,
            CurrentUser caller) {
        FileService.Listing listing = files.list(caller, conversationId, contentType, page);
        return ApiResponse.page(listing.items().stream().map(FileResponse::of).toList(), listing.pagination());
    }

    /** Limits a client checks before uploading: size, blocked types, the caller's quota and usage. */
    @GetMapping("/config")
    ApiResponse<LimitsResponse> config(CurrentUser caller) {
        return ApiResponse.ok(LimitsResponse.of(files.limits(caller)));
    }

    @GetMapping("/{id}")
    ApiResponse<FileResponse> get(@PathVariable UUID id, CurrentUser caller) {
        return ApiResponse.ok(FileResponse.of(files.readable(id, caller)));
    }

    @GetMapping("/{id}/download")
    void download(@PathVariable UUID id, CurrentUser caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        downloads.send(files.readable(id, caller), request, response);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, CurrentUser caller) {
        files.delete(id, caller);
        return ResponseEntity.noContent().build();
    }

    private static JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser() {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser = new JakartaServletFileUpload<>();
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        parser.setMaxPartHeaderSize(8 * 1024);
        parser.setMaxFileCount(4);
        return parser;
    }

    /** The name as the client sent it (the library's own accessor refuses some names; ours sanitises them). */
    private static String rawName(
            JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser, FileItemInput part) {
        try {
            return parser.getFileName(part.getHeaders());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String smallValue(InputStream in) throws IOException {
        byte[] value = in.readNBytes(101);
        if (value.length > 100) {
            throw ApiException.invalid(CONVERSATION_FIELD, "must be a conversation id (UUID)");
        }
        return new String(value, StandardCharsets.UTF_8).strip();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(CONVERSATION_FIELD, "must be a conversation id (UUID)");
        }
    }
}
