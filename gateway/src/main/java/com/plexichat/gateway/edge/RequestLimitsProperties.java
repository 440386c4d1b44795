package com.plexichat.gateway.edge;

import java.util.List;
import org.springframework.util.unit.DataSize;

/**
 * {@code plexichat.gateway.request-limits.*}.
 *
 * @param maxHeaderSize request line plus all headers; more is 431 (the server's own hard limit,
 *     {@code server.max-http-request-header-size}, sits above it)
 * @param maxBodySize request body, unless an override matches; more is 413
 * @param bodySizeOverrides larger (or smaller) bodies for some routes, e.g. uploads
 */
public record RequestLimitsProperties(
        DataSize maxHeaderSize, DataSize maxBodySize, List<BodySizeOverride> bodySizeOverrides) {

    public RequestLimitsProperties {
        maxHeaderSize = maxHeaderSize == null ? DataSize.ofKilobytes(16) : maxHeaderSize;
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        bodySizeOverrides = bodySizeOverrides == null ? List.of() : List.copyOf(bodySizeOverrides);
    }

    /** @param pattern {@code "POST /v1/files"} */
    public record BodySizeOverride(String pattern, DataSize maxBodySize) {}
}
