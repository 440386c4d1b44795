package com.plexichat.messaging.file;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Which files a sender may attach: their own (from the replica of file events, no remote call), or files they may
 * read (file-service decides: attached in a conversation they read). A file the replica does not know yet is asked
 * of file-service too. Anything else is refused, naming the files.
 */
@Service
public class Attachments {

    private final KnownFiles files;
    private final FileAccessClient fileService;

    Attachments(KnownFiles files, FileAccessClient fileService) {
        this.files = files;
        this.fileService = fileService;
    }

    /** 400 for a file named twice; 422 naming the files the sender may not attach (unknown, deleted, not theirs). */
    public void requireAttachable(List<UUID> attachments, UUID senderId) {
        if (attachments.isEmpty()) {
            return;
        }
        if (new HashSet<>(attachments).size() != attachments.size()) {
            throw ApiException.invalid("attachments", "each file once");
        }
        Map<UUID, KnownFiles.KnownFile> known = files.find(attachments);
        List<UUID> refused = new ArrayList<>();
        for (UUID id : attachments) {
            KnownFiles.KnownFile file = known.get(id);
            boolean ok;
            if (file != null && file.deleted()) {
                ok = false;
            } else if (file != null && file.ownerId().equals(senderId)) {
                ok = true;
            } else {
                ok = fileService.readable(id, senderId);
            }
            if (!ok) {
                refused.add(id);
            }
        }
        if (!refused.isEmpty()) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "Attach only files you uploaded or can read; these are unknown, deleted or not yours",
                    Map.of("field", "attachments", "reason", "not_attachable", "file_ids", refused));
        }
    }
}
