package com.plexichat.file.storage;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.util.Map;

/** The S3 API did not answer (or answered with a server error): the client gets the 503 envelope. */
public class StorageUnavailableException extends ApiException {

    public StorageUnavailableException() {
        super(
                ErrorCode.SERVICE_UNAVAILABLE,
                "File storage is unavailable; try again shortly",
                Map.of("reason", "storage_unavailable"));
    }
}
