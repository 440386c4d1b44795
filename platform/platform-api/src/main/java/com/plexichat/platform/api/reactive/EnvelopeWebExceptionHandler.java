package com.plexichat.platform.api.reactive;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ApiResponse;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.RequestIds;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of a reactive app (the gateway's own 404s, 503s for a missing or dead downstream, 504
 * on time-outs) leaves as the envelope. Runs before Boot's default handler.
 */
public class EnvelopeWebExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeWebExceptionHandler.class);

    private final JsonMapper mapper;

    public EnvelopeWebExceptionHandler(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        ErrorCode code = classify(error);
        String message = error instanceof ApiException api ? api.getMessage() : null;
        Object details = error instanceof ApiException api ? api.details() : null;
        if (code == ErrorCode.INTERNAL_ERROR) {
            log.error("Request {} failed", exchange.getRequest().getPath(), error);
        }
        Object id = exchange.getAttribute(RequestIds.ATTRIBUTE);
        byte[] body =
                mapper.writeValueAsBytes(ApiResponse.error(code, message, details, id == null ? null : id.toString()));
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(code.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (hasBody(exchange)) {
            // Refused before its body was read: end the connection, so no client reuses it while unread
            // bytes (or a half-sent chunked body) are still in flight.
            response.getHeaders().set(org.springframework.http.HttpHeaders.CONNECTION, "close");
        }
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static boolean hasBody(ServerWebExchange exchange) {
        var headers = exchange.getRequest().getHeaders();
        return headers.getContentLength() > 0
                || headers.containsHeader(org.springframework.http.HttpHeaders.TRANSFER_ENCODING);
    }

    static ErrorCode classify(Throwable error) {
        if (error instanceof ApiException api) {
            return api.code();
        }
        if (error instanceof ResponseStatusException status) {
            int value = status.getStatusCode().value();
            if (value == 500 && hasCause(error, ConnectException.class)) {
                return ErrorCode.SERVICE_UNAVAILABLE;
            }
            return ErrorCode.forStatus(value);
        }
        if (hasCause(error, TimeoutException.class)) {
            return ErrorCode.GATEWAY_TIMEOUT;
        }
        if (hasCause(error, ConnectException.class)) {
            return ErrorCode.SERVICE_UNAVAILABLE;
        }
        return ErrorCode.INTERNAL_ERROR;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return -2;
    }
}
