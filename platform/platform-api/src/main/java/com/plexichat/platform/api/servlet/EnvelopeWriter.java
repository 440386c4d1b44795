package com.plexichat.platform.api.servlet;

import com.plexichat.platform.api.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an envelope straight to the servlet response, for code running outside Spring MVC
 * (filters, security entry points) where no message converter is at hand.
 */
public class EnvelopeWriter {

    private final JsonMapper mapper;

    public EnvelopeWriter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletResponse response, ApiResponse<?> body, int status) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), body);
    }
}
