package com.plexichat.file.file;

import com.plexichat.file.FilesProperties;
import com.plexichat.file.conversation.ConversationAccess;
import com.plexichat.file.storage.ObjectStore;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.api.PageQuery;
import com.plexichat.platform.api.Pagination;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.file.FileDeleted;
import com.plexichat.platform.events.file.FileThumbnailReady;
import com.plexichat.platform.events.file.FileUploaded;
import com.plexichat.platform.events.settings.LiveSettings;
import com.plexichat.platform.security.CurrentUser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Files: an upload goes to S3 first ({@link #store}: streamed, hashed, typed from its bytes, cut off at the
 * limit) and is recorded after ({@link #register}: the quota, the row, {@code file.uploaded}), so a row always
 * names a complete object. Who reads a file: its owner, admins, and the readers of a conversation a message
 * attached it in; everyone else gets 404.
 */
@Service
public class FileService {

    private static final Logger log = LoggerFactory.getLogger(FileService.class);

    /** What multipart framing (boundaries, part headers, a conversation_id field) adds to a file's bytes at most. */
    static final long MULTIPART_SLACK = 64 * 1024;

    private static final Pattern TYPE_PREFIX = Pattern.compile("[a-z0-9.+-]{1,100}(/[a-z0-9.+-]{0,100})?");
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
    private static final Sort NEWEST_FIRST_SQL = Sort.by(Sort.Order.desc("created_at"), Sort.Order.desc("id"));

    private final FileRepository files;
    private final Attachments attachments;
    private final StorageUsage usage;
    private final PendingObjects pending;
    private final ObjectStore store;
    private final ConversationAccess conversations;
    private final EventPublisher events;
    private final FilesProperties properties;
    private final Clock clock;
    private final LiveSettings settings;

    FileService(
            FileRepository files,
            Attachments attachments,
            StorageUsage usage,
            PendingObjects pending,
            ObjectStore store,
            ConversationAccess conversations,
            EventPublisher events,
            FilesProperties properties,
            Clock clock,
            ObjectProvider<LiveSettings> settings) {
        this.settings = settings.getIfAvailable();
        this.files = files;
        this.attachments = attachments;
        this.usage = usage;
        this.pending = pending;
        this.store = store;
        this.conversations = conversations;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** The administrator's limits (docs/admin.md), or config-repo's until they have set any. */
    private long maxUploadBytes() {
        return settings == null
                ? properties.maxUploadSize().toBytes()
                : settings.current()
                        .map(s -> s.files().maxUploadBytes())
                        .orElseGet(() -> properties.maxUploadSize().toBytes());
    }

    private long quotaBytes() {
        return settings == null
                ? properties.quota().toBytes()
                : settings.current()
                        .map(s -> s.files().userQuotaBytes())
                        .orElseGet(() -> properties.quota().toBytes());
    }

    /** A file as its readers see it; the object keys stay inside the service. */
    public record FileView(
            UUID id,
            UUID ownerId,
            String name,
            String contentType,
            long size,
            String sha256,
            String thumbnailStatus,
            UUID conversationId,
            Instant createdAt,
            String objectKey,
            String thumbnailKey) {

        public boolean hasThumbnail() {
            return StoredFile.THUMBNAIL_READY.equals(thumbnailStatus);
        }

        /** A strong validator: the bytes never change under a file id. */
        public String etag() {
            return "\"" + sha256 + "\"";
        }
    }

    /** An object complete in S3 whose file is not recorded yet. */
    public record StoredUpload(
            UUID fileId, UUID ownerId, String objectKey, String name, String contentType, long size, String sha256) {}

    public record Listing(List<FileView> items, Pagination pagination) {}

    /** What a client checks before uploading. */
    public record Limits(
            long maxUploadBytes,
            long partSizeBytes,
            List<String> blockedTypes,
            long quotaBytes,
            long usedBytes,
            long shareMaxTtlSeconds) {}

    // --- uploads ------------------------------------------------------------------------------------------

    /**
     * Everything that can be refused before a byte is read: the conversation (404 or 403) and, when the request
     * declares its length, the upload limit and the quota (413).
     */
    public void checkUpload(CurrentUser caller, UUID conversationId, long declaredLength) {
        if (conversationId != null) {
            conversations.requireUpload(conversationId, caller.id());
        }
        if (declaredLength > 0) {
            long fileBytesAtLeast = Math.max(0, declaredLength - MULTIPART_SLACK);
            if (fileBytesAtLeast > maxUploadBytes()) {
                throw tooLarge(false, caller);
            }
            if (usage.used(caller.id()) + fileBytesAtLeast > quotaBytes()) {
                throw tooLarge(true, caller);
            }
        }
    }

    /** The size limit of one file, and whether what is left of the caller's quota is the smaller. */
    public record UploadLimit(long bytes, boolean quota) {}

    public UploadLimit uploadLimit(CurrentUser caller) {
        long left = Math.max(0, quotaBytes() - usage.used(caller.id()));
        long max = maxUploadBytes();
        return left < max ? new UploadLimit(left, true) : new UploadLimit(max, false);
    }

    /**
     * Streams an upload to S3: never held whole in memory nor written to disk. The first bytes decide the content
     * type (a blocked one is refused before anything is stored); the rest is hashed on the way and cut off at the
     * limit, leaving nothing behind.
     */
    public StoredUpload store(CurrentUser caller, String rawName, InputStream body) {
        UploadLimit limit = uploadLimit(caller);
        MeteredInput metered = new MeteredInput(body, limit.bytes(), limit.quota());
        String name = FileNames.sanitize(rawName);
        String key = null;
        try {
            byte[] prefix = metered.readNBytes(ContentTypes.SNIFF_BYTES);
            String contentType = ContentTypes.detect(prefix, prefix.length, name);
            requireAllowed(contentType);
            UUID id = UUID.randomUUID();
            key = objectKey(id);
            pending.add(key, clock.instant());
            long size = store.put(key, new SequenceInputStream(new ByteArrayInputStream(prefix), metered), contentType);
            return new StoredUpload(id, caller.id(), key, name, contentType, size, metered.sha256());
        } catch (MeteredInput.LimitExceeded e) {
            forget(key);
            throw tooLarge(e.quota, caller);
        } catch (IOException e) {
            forget(key);
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "The upload ended early or its multipart body is malformed",
                    Map.of("field", "file", "reason", "incomplete_body"));
        } catch (RuntimeException e) {
            forget(key);
            throw e;
        }
    }

    /**
     * Records a stored upload: the quota is charged (atomically: two uploads finishing at once cannot both slip
     * under it), the row written and {@code file.uploaded} published, in one transaction.
     *
     * @param conversationChecked whether {@link #checkUpload} already saw the conversation
     */
    @Transactional
    public FileView register(
            StoredUpload upload, UUID conversationId, boolean conversationChecked, CurrentUser caller) {
        if (conversationId != null && !conversationChecked) {
            conversations.requireUpload(conversationId, caller.id());
        }
        if (!usage.add(upload.ownerId(), upload.size(), quotaBytes())) {
            throw tooLarge(true, caller);
        }
        // PostgreSQL keeps microseconds: the answer shows the time as every later read will.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        StoredFile file = files.save(new StoredFile(
                upload.fileId(),
                upload.ownerId(),
                upload.name(),
                upload.contentType(),
                upload.size(),
                upload.sha256(),
                upload.objectKey(),
                conversationId,
                ContentTypes.isImage(upload.contentType()) ? StoredFile.THUMBNAIL_PENDING : StoredFile.THUMBNAIL_NONE,
                now));
        pending.remove(upload.objectKey());
        events.publish(
                FileUploaded.TYPE,
                upload.fileId().toString(),
                new FileUploaded(
                        upload.fileId(),
                        upload.ownerId(),
                        upload.name(),
                        upload.contentType(),
                        upload.size(),
                        upload.sha256(),
                        conversationId,
                        now));
        return view(file);
    }

    /** The content type of a file whose first bytes these are; 415 for a blocked type. */
    public String allowedType(byte[] prefix, int length, String name) {
        String contentType = ContentTypes.detect(prefix, length, name);
        requireAllowed(contentType);
        return contentType;
    }

    /**
     * Describes an object assembled in S3 (a completed resumable upload): read back once as a stream for its
     * SHA-256, size and content type. A blocked type is removed and refused.
     */
    public StoredUpload inspect(UUID fileId, UUID ownerId, String objectKey, String rawName) {
        String name = FileNames.sanitize(rawName);
        try (InputStream in = store.get(objectKey)) {
            MeteredInput metered = new MeteredInput(in, Long.MAX_VALUE, false);
            byte[] prefix = metered.readNBytes(ContentTypes.SNIFF_BYTES);
            String contentType = ContentTypes.detect(prefix, prefix.length, name);
            metered.transferTo(java.io.OutputStream.nullOutputStream());
            StoredUpload stored =
                    new StoredUpload(fileId, ownerId, objectKey, name, contentType, metered.count(), metered.sha256());
            try {
                requireAllowed(contentType);
            } catch (ApiException blocked) {
                discard(stored);
                throw blocked;
            }
            return stored;
        } catch (IOException e) {
            throw new com.plexichat.file.storage.StorageUnavailableException();
        }
    }

    /** Removes a stored upload that will not be recorded; what cannot be removed now the sweeper removes later. */
    public void discard(StoredUpload upload) {
        forget(upload.objectKey());
    }

    public void requireAllowed(String contentType) {
        if (properties.blockedTypes().contains(contentType)) {
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Files of type " + contentType + " are not accepted here",
                    Map.of("field", "file", "content_type", contentType));
        }
    }

    public static String objectKey(UUID fileId) {
        return "files/" + fileId;
    }

    public ApiException tooLarge(boolean quota, CurrentUser caller) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "file");
        if (quota) {
            details.put("reason", "quota_exceeded");
            details.put("quota_bytes", quotaBytes());
            details.put("used_bytes", usage.used(caller.id()));
            return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The upload would exceed your storage quota", details);
        }
        details.put("reason", "file_too_large");
        details.put("max_bytes", maxUploadBytes());
        return new ApiException(
                ErrorCode.PAYLOAD_TOO_LARGE, "Files may be at most " + maxUploadBytes() + " bytes", details);
    }

    private void forget(String key) {
        if (key == null) {
            return;
        }
        try {
            store.remove(key);
            pending.remove(key);
        } catch (RuntimeException e) {
            log.warn("Could not remove {} now; the sweeper will: {}", key, e.toString());
        }
    }

    // --- reading ------------------------------------------------------------------------------------------

    /** The file when the caller may read it: its owner, an admin, or a reader of a conversation it is attached in. */
    public FileView readable(UUID id, CurrentUser caller) {
        StoredFile file = files.findById(id).orElseThrow(FileService::notFound);
        if (!mayRead(file, caller.id(), caller.isAdmin())) {
            throw notFound();
        }
        return view(file);
    }

    /** For another service (messaging-service's attachment check): the file and whether the user may read it. */
    public Optional<FileAccess> accessFor(UUID fileId, UUID userId) {
        return files.findById(fileId).map(file -> new FileAccess(view(file), mayRead(file, userId, false)));
    }

    public record FileAccess(FileView file, boolean readable) {}

    private boolean mayRead(StoredFile file, UUID userId, boolean admin) {
        return file.ownerId().equals(userId)
                || admin
                || conversations.readsAny(attachments.conversationsOf(file.id()), userId);
    }

    /** The caller's files, or the files attached in a conversation the caller reads; newest first. */
    public Listing list(CurrentUser caller, UUID conversationId, String contentTypePrefix, PageQuery page) {
        String prefix = contentTypePrefix == null ? "" : contentTypePrefix.strip();
        if (!prefix.isEmpty() && !TYPE_PREFIX.matcher(prefix).matches()) {
            throw ApiException.invalid("content_type", "a type or type prefix such as image/ or application/pdf");
        }
        Page<StoredFile> found;
        if (conversationId == null) {
            found = files.findByOwnerIdAndContentTypeStartingWith(
                    caller.id(), prefix, PageRequest.of(page.page() - 1, page.perPage(), NEWEST_FIRST));
        } else {
            if (!conversations.readable(conversationId, caller.id())) {
                throw new ApiException(
                        ErrorCode.NOT_FOUND, "Conversation not found", Map.of("field", "conversation_id"));
            }
            found = files.findAttachedIn(
                    conversationId, prefix, PageRequest.of(page.page() - 1, page.perPage(), NEWEST_FIRST_SQL));
        }
        return new Listing(
                found.getContent().stream().map(FileService::view).toList(),
                Pagination.of(page, found.getTotalElements()));
    }

    public Limits limits(CurrentUser caller) {
        return new Limits(
                maxUploadBytes(),
                properties.partSize().toBytes(),
                properties.blockedTypes(),
                quotaBytes(),
                usage.used(caller.id()),
                properties.shareMaxTtl().toSeconds());
    }

    // --- changes --------------------------------------------------------------------------------------------

    /**
     * The owner or an admin deletes; someone who reads the file but does not own it gets 403, anyone else 404. The
     * row, its share links and attachments go at once; the objects after the commit (or by the sweeper).
     */
    @Transactional
    public void delete(UUID id, CurrentUser caller) {
        StoredFile file = files.findById(id).orElseThrow(FileService::notFound);
        boolean owner = file.ownerId().equals(caller.id());
        if (!owner && !caller.isAdmin()) {
            if (mayRead(file, caller.id(), false)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only its owner or an admin deletes a file");
            }
            throw notFound();
        }
        files.delete(file);
        usage.release(file.ownerId(), file.size());
        Instant now = clock.instant();
        List<String> keys = file.thumbnailKey() == null
                ? List.of(file.objectKey())
                : List.of(file.objectKey(), file.thumbnailKey());
        keys.forEach(key -> pending.add(key, now));
        events.publish(FileDeleted.TYPE, id.toString(), new FileDeleted(id, file.ownerId(), caller.id(), now));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keys.forEach(FileService.this::forget);
            }
        });
    }

    /** The thumbnail worker's result; a ready thumbnail is announced. */
    @Transactional
    public void thumbnailDone(UUID id, String status, String key, int width, int height) {
        if (files.setThumbnail(id, status, key) == 0) {
            // deleted meanwhile: its thumbnail object is an orphan now
            if (key != null) {
                pending.add(key, clock.instant());
            }
            return;
        }
        if (StoredFile.THUMBNAIL_READY.equals(status)) {
            StoredFile file = files.findById(id).orElseThrow();
            events.publish(
                    FileThumbnailReady.TYPE,
                    id.toString(),
                    new FileThumbnailReady(id, file.ownerId(), width, height, clock.instant()));
        }
    }

    /** A message attached files: its conversation's readers read them now. Called in the consumer's transaction. */
    public void attached(List<UUID> fileIds, UUID messageId, UUID conversationId) {
        fileIds.forEach(fileId -> attachments.attach(fileId, messageId, conversationId));
    }

    public void messageDeleted(UUID messageId) {
        attachments.messageDeleted(messageId);
    }

    public Optional<FileView> find(UUID id) {
        return files.findById(id).map(FileService::view);
    }

    private static FileView view(StoredFile file) {
        return new FileView(
                file.id(),
                file.ownerId(),
                file.name(),
                file.contentType(),
                file.size(),
                file.sha256(),
                file.thumbnailStatus(),
                file.conversationId(),
                file.createdAt(),
                file.objectKey(),
                file.thumbnailKey());
    }

    static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "File not found");
    }
}
