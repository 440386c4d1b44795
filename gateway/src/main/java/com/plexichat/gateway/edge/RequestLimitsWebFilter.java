package com.plexichat.gateway.edge;

import com.plexichat.gateway.config.LiveProperties;
import com.plexichat.gateway.config.RequestPattern;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Size limits before anything else is spent on a request: headers over the limit are 431, a body
 * over its route's limit is 413, both as the envelope. A declared {@code Content-Length} is refused
 * up front; a chunked body is counted while it streams and cut off at the limit.
 */
public class RequestLimitsWebFilter implements WebFilter, Ordered {

    private final Supplier<Parsed> settings;

    public RequestLimitsWebFilter(LiveProperties<RequestLimitsProperties> properties) {
        this.settings = properties.derive(Parsed::of);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Parsed settings = this.settings.get();
        ServerHttpRequest request = exchange.getRequest();
        long headerSize = headerSize(request);
        long maxHeaderSize = settings.source().maxHeaderSize().toBytes();
        if (headerSize > maxHeaderSize) {
            return Mono.error(new ApiException(
                    ErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "Request headers too large: at most " + maxHeaderSize + " bytes",
                    Map.of("max_bytes", maxHeaderSize)));
        }
        long maxBody = settings.maxBodySize(request);
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBody) {
            return Mono.error(tooLarge(maxBody));
        }
        if (declared < 0 && request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(
                    exchange.mutate().request(counting(request, maxBody)).build());
        }
        return chain.filter(exchange);
    }

    private static ServerHttpRequest counting(ServerHttpRequest request, long maxBody) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBody) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(maxBody));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
    }

    private static ApiException tooLarge(long maxBody) {
        return new ApiException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "Request body too large: at most " + maxBody + " bytes on this route",
                Map.of("max_bytes", maxBody));
    }

    /** As on the wire: request line, then each header as {@code name: value CRLF}. */
    static long headerSize(ServerHttpRequest request) {
        long size = request.getMethod().name().length()
                + request.getURI().getRawPath().length()
                + (request.getURI().getRawQuery() == null
                        ? 0
                        : request.getURI().getRawQuery().length() + 1)
                + 11;
        for (var header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                size += header.getKey().length() + 2 + value.length() + 2;
            }
        }
        return size;
    }

    private record Parsed(RequestLimitsProperties source, List<RequestPattern> overrides) {

        static Parsed of(RequestLimitsProperties source) {
            return new Parsed(
                    source,
                    source.bodySizeOverrides().stream()
                            .map(o -> RequestPattern.parse(o.pattern()))
                            .toList());
        }

        long maxBodySize(ServerHttpRequest request) {
            for (int i = 0; i < overrides.size(); i++) {
                if (overrides.get(i).matches(request)) {
                    return source.bodySizeOverrides().get(i).maxBodySize().toBytes();
                }
            }
            return source.maxBodySize().toBytes();
        }
    }

    @Override
    public int getOrder() {
        return -250;
    }
}
