package com.plexichat.platform.api.servlet;

import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the configured size before any of it is read. Requests without a declared
 * length (chunked) are left to the container's own limits.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final DataSize limit;
    private final List<String> streamedPaths;
    private final EnvelopeWriter writer;

    RequestSizeLimitFilter(DataSize limit, List<String> streamedPaths, EnvelopeWriter writer) {
        this.limit = limit;
        this.streamedPaths = streamedPaths;
        this.writer = writer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return streamedPaths.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > limit.toBytes()) {
            writer.write(
                    response,
                    ApiResponse.error(
                            ErrorCode.PAYLOAD_TOO_LARGE,
                            "Request body is larger than " + limit.toBytes() + " bytes",
                            Map.of("max_bytes", limit.toBytes())),
                    ErrorCode.PAYLOAD_TOO_LARGE.status());
            return;
        }
        chain.doFilter(request, response);
    }
}
