package com.plexichat.platform.api.servlet;

import com.plexichat.platform.api.RequestClients;
import com.plexichat.platform.api.RequestIds;
import com.plexichat.platform.api.SecurityHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First filter of every request: settles the request id (MDC, attribute, response header), notes the client
 * ({@link RequestClients}) and sets the security headers before anything can fail, so errors raised by later
 * filters carry them too.
 */
class RequestIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        response.setHeader(RequestIds.HEADER, id);
        SecurityHeaders.ALL.forEach(response::setHeader);
        MDC.put(RequestIds.MDC_KEY, id);
        // Behind the gateway the peer is the gateway: it names the client.
        String client = request.getHeader(RequestClients.CLIENT_IP_HEADER);
        RequestClients.set(
                client == null ? request.getRemoteAddr() : client,
                request.getHeader("User-Agent"),
                request.getHeader(RequestClients.API_KEY_ID_HEADER));
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            RequestClients.clear();
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // The container's error dispatch may have reset the headers; restore id and headers there too.
        return false;
    }
}
