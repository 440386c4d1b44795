package com.plexichat.file.upload;

import com.plexichat.file.FilesProperties;
import com.plexichat.file.conversation.ConversationAccess;
import com.plexichat.file.file.FileService;
import com.plexichat.file.file.FileService.FileView;
import com.plexichat.file.file.FileService.StoredUpload;
import com.plexichat.file.file.PendingObjects;
import com.plexichat.file.storage.ObjectStore;
import com.plexichat.file.storage.ObjectStore.StoredPart;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Resumable uploads over S3 multipart: the session fixes the size and the part size; the client sends parts in any
 * order and again after a broken connection (a part counts once S3 acknowledged all of it), asks which parts arrived,
 * and completes. Completion reads the assembled object back once (its SHA-256 and content type) and records the file
 * as a single upload would. Sessions left unfinished past their expiry are aborted with their parts.
 */
@Service
class UploadSessionService {

    private static final Logger log = LoggerFactory.getLogger(UploadSessionService.class);
    private static final int MAX_PARTS = 10_000;

    private final UploadSessionRepository sessions;
    private final UploadParts parts;
    private final FileService files;
    private final PendingObjects pending;
    private final ConversationAccess conversations;
    private final ObjectStore store;
    private final FilesProperties properties;
    private final Clock clock;

    UploadSessionService(
            UploadSessionRepository sessions,
            UploadParts parts,
            FileService files,
            PendingObjects pending,
            ConversationAccess conversations,
            ObjectStore store,
            FilesProperties properties,
            Clock clock) {
        this.sessions = sessions;
        this.parts = parts;
        this.files = files;
        this.pending = pending;
        this.conversations = conversations;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** A session as its owner sees it: which parts arrived, so an interrupted upload resumes with the others. */
    record SessionResponse(
            UUID id,
            String name,
            long size,
            long partSize,
            int partCount,
            List<Integer> receivedParts,
            long bytesReceived,
            UUID conversationId,
            Instant expiresAt) {}

    SessionResponse create(String rawName, Long size, UUID conversationId, CurrentUser caller) {
        if (size == null || size < 1) {
            throw ApiException.invalid("size", "the file's size in bytes, at least 1");
        }
        if (size > properties.maxUploadSize().toBytes()) {
            throw files.tooLarge(false, caller);
        }
        FileService.UploadLimit limit = files.uploadLimit(caller);
        if (limit.quota() && size > limit.bytes()) {
            throw files.tooLarge(true, caller);
        }
        if (conversationId != null) {
            conversations.requireUpload(conversationId, caller.id());
        }
        long partSize = properties.partSize().toBytes();
        if ((size + partSize - 1) / partSize > MAX_PARTS) {
            throw ApiException.invalid("size", "too many parts of " + partSize + " bytes");
        }
        UUID fileId = UUID.randomUUID();
        String key = FileService.objectKey(fileId);
        String uploadId = store.startMultipart(key, "application/octet-stream");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UploadSession session = sessions.save(new UploadSession(
                UUID.randomUUID(),
                caller.id(),
                fileId,
                key,
                uploadId,
                rawName == null ? "file" : rawName,
                size,
                partSize,
                conversationId,
                now.plus(properties.sessionTtl()),
                now));
        return view(session);
    }

    SessionResponse get(UUID id, CurrentUser caller) {
        return view(owned(id, caller));
    }

    /**
     * One part, exactly its length ({@code Content-Length} must say so). A body cut short records nothing: the
     * client sends the part again. The first part's bytes are checked against the blocked types at once.
     */
    SessionResponse putPart(UUID id, int number, long declaredLength, InputStream body, CurrentUser caller) {
        UploadSession session = owned(id, caller);
        if (number < 1 || number > session.partCount()) {
            throw ApiException.invalid("part", "between 1 and " + session.partCount());
        }
        long expected = session.partLength(number);
        if (declaredLength != expected) {
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "Part " + number + " is " + expected + " bytes; send exactly those with a Content-Length",
                    Map.of("field", "Content-Length", "expected", expected));
        }
        byte[] buffer = store.borrow((int) expected);
        try {
            int read;
            try {
                read = body.readNBytes(buffer, 0, (int) expected);
            } catch (IOException e) {
                throw incomplete(number);
            }
            if (read != expected) {
                throw incomplete(number);
            }
            if (number == 1) {
                try {
                    files.allowedType(buffer, Math.min(read, 64 * 1024), session.name());
                } catch (ApiException blocked) {
                    abort(session);
                    throw blocked;
                }
            }
            StoredPart part = store.uploadPart(session.objectKey(), session.s3UploadId(), number, buffer, read);
            parts.received(session.id(), part, read);
        } finally {
            store.release(buffer);
        }
        return view(session);
    }

    /** All parts there: the object is assembled, read back, and recorded as a file (quota, row, event). */
    FileView complete(UUID id, CurrentUser caller) {
        UploadSession session = owned(id, caller);
        List<UploadParts.Received> received = parts.of(session.id());
        List<Integer> missing = IntStream.rangeClosed(1, session.partCount())
                .filter(n -> received.stream().noneMatch(p -> p.number() == n))
                .boxed()
                .toList();
        if (!missing.isEmpty()) {
            throw new ApiException(
                    ErrorCode.BUSINESS_RULE_VIOLATION,
                    "Parts are missing; send them, then complete",
                    Map.of("missing_parts", missing.size() > 50 ? missing.subList(0, 50) : missing));
        }
        pending.add(session.objectKey(), clock.instant());
        store.completeMultipart(session.objectKey(), session.s3UploadId(), parts.stored(session.id()));
        sessions.delete(session);
        StoredUpload stored = files.inspect(session.fileId(), session.ownerId(), session.objectKey(), session.name());
        try {
            return files.register(stored, session.conversationId(), false, caller);
        } catch (RuntimeException e) {
            files.discard(stored);
            throw e;
        }
    }

    void cancel(UUID id, CurrentUser caller) {
        abort(owned(id, caller));
    }

    @Scheduled(
            fixedDelayString = "${plexichat.files.sweep-interval:1m}",
            initialDelayString = "${plexichat.files.sweep-interval:1m}")
    void abortExpired() {
        for (UploadSession session : sessions.findByExpiresAtBefore(clock.instant(), Limit.of(100))) {
            log.info(
                    "Aborting the expired upload session {} ({} parts received)",
                    session.id(),
                    parts.of(session.id()).size());
            abort(session);
        }
    }

    private void abort(UploadSession session) {
        store.abortMultipart(session.objectKey(), session.s3UploadId());
        sessions.delete(session);
    }

    private UploadSession owned(UUID id, CurrentUser caller) {
        return sessions.findById(id)
                .filter(s -> s.ownerId().equals(caller.id()))
                .filter(s -> s.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Upload session not found or expired"));
    }

    private SessionResponse view(UploadSession session) {
        List<UploadParts.Received> received = parts.of(session.id());
        return new SessionResponse(
                session.id(),
                session.name(),
                session.size(),
                session.partSize(),
                session.partCount(),
                received.stream().map(UploadParts.Received::number).toList(),
                received.stream().mapToLong(UploadParts.Received::size).sum(),
                session.conversationId(),
                session.expiresAt());
    }

    private static ApiException incomplete(int number) {
        return new ApiException(
                ErrorCode.VALIDATION_ERROR,
                "Part " + number + " ended early; send it again",
                Map.of("field", "body", "reason", "incomplete_part"));
    }
}
