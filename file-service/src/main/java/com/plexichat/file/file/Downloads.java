package com.plexichat.file.file;

import com.plexichat.file.FilesProperties;
import com.plexichat.file.file.FileService.FileView;
import com.plexichat.file.storage.MissingObjectException;
import com.plexichat.file.storage.ObjectStore;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.stereotype.Component;

/**
 * Sends a file's bytes: streamed from S3 (never whole in memory), one byte range when asked ({@code 206}, or
 * {@code 416} for a range outside the file), {@code 304} when the client's {@code ETag} is current, always as an
 * attachment with a safe name and, for types a browser would run, as plain bytes. With downloads redirected
 * (production behind MinIO or S3) the answer is a short-lived presigned URL instead, with the same headers.
 */
@Component
public class Downloads {

    private final ObjectStore store;
    private final FilesProperties properties;

    Downloads(ObjectStore store, FilesProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    public void send(FileView file, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String etag = file.etag();
        String disposition = FileNames.attachment(file.name());
        String type = ContentTypes.servedAs(file.contentType());
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        if (properties.downloadRedirect()) {
            response.setHeader(
                    HttpHeaders.LOCATION,
                    store.presignedGet(
                            file.objectKey(),
                            properties.downloadRedirectTtl(),
                            Map.of("response-content-disposition", disposition, "response-content-type", type)));
            response.setStatus(HttpServletResponse.SC_FOUND);
            return;
        }
        long size = file.size();
        long start = 0;
        long length = size;
        String range = request.getHeader(HttpHeaders.RANGE);
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        boolean partial = range != null && (ifRange == null || ifRange.strip().equals(etag));
        if (partial) {
            HttpRange asked = single(range, size, response);
            if (asked == null) {
                partial = false; // several ranges: the whole file, which every client can take
            } else {
                start = asked.getRangeStart(size);
                length = asked.getRangeEnd(size) - start + 1;
            }
        }
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
        response.setContentType(type);
        if (partial) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + (start + length - 1) + "/" + size);
        }
        response.setContentLengthLong(length);
        if (length == 0) {
            return;
        }
        InputStream body;
        try {
            body = store.get(file.objectKey(), start, length);
        } catch (MissingObjectException e) {
            throw FileService.notFound();
        }
        try (body;
                OutputStream out = response.getOutputStream()) {
            body.transferTo(out);
        }
    }

    /** The one range asked for, or null for several; 416 for a malformed one or one outside the file. */
    private static HttpRange single(String header, long size, HttpServletResponse response) {
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(header);
        } catch (IllegalArgumentException e) {
            throw unsatisfiable(size, response, "malformed_range");
        }
        if (ranges.size() != 1) {
            return null;
        }
        HttpRange range = ranges.getFirst();
        long start;
        try {
            start = range.getRangeStart(size);
            range.getRangeEnd(size);
        } catch (IllegalArgumentException e) {
            throw unsatisfiable(size, response, "outside_the_file");
        }
        if (size == 0 || start >= size) {
            throw unsatisfiable(size, response, "outside_the_file");
        }
        return range;
    }

    private static ApiException unsatisfiable(long size, HttpServletResponse response, String reason) {
        response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
        return new ApiException(
                ErrorCode.RANGE_NOT_SATISFIABLE,
                "The Range header asks for bytes this file does not have",
                Map.of("field", "Range", "reason", reason, "size", size));
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
