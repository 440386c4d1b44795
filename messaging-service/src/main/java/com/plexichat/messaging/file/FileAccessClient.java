package com.plexichat.messaging.file;

import com.plexichat.platform.security.client.ServiceClients;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * file-service's internal check ({@code GET /internal/files/{id}/access/{user}}): whether the user may read the file
 * (they own it, or read a conversation it is attached in). False for a file file-service does not have; a file-service
 * that cannot answer is the 503 envelope. Without service credentials nothing is asked (false).
 */
@Component
class FileAccessClient {

    static final String SERVICE = "file-service";

    private final ServiceClients services;

    FileAccessClient(ServiceClients services) {
        this.services = services;
    }

    boolean readable(UUID fileId, UUID userId) {
        return services.find(SERVICE, "/internal/files/{file}/access/{user}", fileId, userId)
                .map(data -> data.path("readable").asBoolean(false))
                .orElse(false);
    }
}
