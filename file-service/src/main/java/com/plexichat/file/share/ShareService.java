package com.plexichat.file.share;

import com.plexichat.file.FilesProperties;
import com.plexichat.file.file.FileService;
import com.plexichat.file.file.FileService.FileView;
import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.file.FileShared;
import com.plexichat.platform.events.file.FileSharesRevoked;
import com.plexichat.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Share links: made by a file's owner (or an admin) for at most {@code share-max-ttl}; {@code DELETE} revokes every
 * link of the file, and deleting the file ends them with it. A link serves the file to anyone holding it.
 */
@Service
class ShareService {

    private final ShareRepository links;
    private final ShareTokens tokens;
    private final FileService files;
    private final FilesProperties properties;
    private final EventPublisher events;
    private final Clock clock;

    ShareService(
            ShareRepository links,
            ShareTokens tokens,
            FileService files,
            FilesProperties properties,
            EventPublisher events,
            Clock clock) {
        this.events = events;
        this.links = links;
        this.tokens = tokens;
        this.files = files;
        this.properties = properties;
        this.clock = clock;
    }

    record Shared(UUID id, String url, Instant expiresAt) {}

    @Transactional
    Shared share(UUID fileId, Long expiresIn, CurrentUser caller) {
        FileView file = owned(fileId, caller);
        long maxSeconds = properties.shareMaxTtl().toSeconds();
        Duration ttl = expiresIn == null ? properties.shareDefaultTtl() : Duration.ofSeconds(expiresIn);
        if (expiresIn != null && (expiresIn < 1 || expiresIn > maxSeconds)) {
            throw ApiException.invalid("expires_in", "seconds, between 1 and " + maxSeconds);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ShareLink link = links.save(new ShareLink(UUID.randomUUID(), file.id(), caller.id(), now.plus(ttl), now));
        events.publish(
                FileShared.TYPE,
                file.id().toString(),
                new FileShared(file.id(), link.id(), file.ownerId(), caller.id(), link.expiresAt(), now));
        return new Shared(
                link.id(),
                properties.publicUrl() + ShareController.PUBLIC_PATH + tokens.issue(link.id()),
                link.expiresAt());
    }

    @Transactional
    void revokeAll(UUID fileId, CurrentUser caller) {
        owned(fileId, caller);
        Instant now = clock.instant();
        links.revokeAll(fileId, now);
        events.publish(FileSharesRevoked.TYPE, fileId.toString(), new FileSharesRevoked(fileId, caller.id(), now));
    }

    /** The file behind a token while its link works; 404 for every other token, whatever the reason. */
    FileView open(String token) {
        ShareLink link = tokens.verify(token)
                .flatMap(links::findById)
                .filter(l -> l.usableAt(clock.instant()))
                .orElseThrow(ShareService::deadLink);
        return files.find(link.fileId()).orElseThrow(ShareService::deadLink);
    }

    /** The owner or an admin shares; a reader who is neither gets 403, anyone else 404. */
    private FileView owned(UUID fileId, CurrentUser caller) {
        FileView file = files.readable(fileId, caller);
        if (!file.ownerId().equals(caller.id()) && !caller.isAdmin()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only its owner or an admin shares a file");
        }
        return file;
    }

    private static ApiException deadLink() {
        return new ApiException(ErrorCode.NOT_FOUND, "This link does not exist or has expired");
    }
}
