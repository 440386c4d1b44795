package com.plexichat.file;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code plexichat.files.*} (docs/files.md).
 *
 * @param maxUploadSize the largest file, in one upload or a resumable session (Mattermost's default: 100 MiB)
 * @param quota what one user may store in all
 * @param partSize the S3 part size of streamed uploads, and the part size of resumable sessions (at least 5 MiB,
 *     S3's minimum)
 * @param sessionTtl how long a resumable session may stay unfinished before its parts are aborted
 * @param blockedTypes content types refused at upload (detected from the bytes)
 * @param thumbnailMaxPixels images with more pixels get no thumbnail (decompression bombs)
 * @param thumbnailMaxSourceSize images larger than this get no thumbnail
 * @param thumbnailSize the longest side of a thumbnail
 * @param shareDefaultTtl a share link's life when none is asked for
 * @param shareMaxTtl the longest life of a share link
 * @param shareSecret the key share tokens are signed with (base64 or text); random per process when unset
 * @param publicUrl the gateway's URL as clients reach it: share links start with it
 * @param downloadRedirect answer downloads with a redirect to a presigned S3 URL instead of streaming them
 * @param downloadRedirectTtl how long such a URL works
 * @param orphanAge an object without a file row older than this is an orphan (a crashed upload) and is removed
 * @param sweepInterval how often orphans and expired sessions are swept
 */
@ConfigurationProperties("plexichat.files")
public record FilesProperties(
        DataSize maxUploadSize,
        DataSize quota,
        DataSize partSize,
        Duration sessionTtl,
        List<String> blockedTypes,
        Long thumbnailMaxPixels,
        DataSize thumbnailMaxSourceSize,
        Integer thumbnailSize,
        Duration shareDefaultTtl,
        Duration shareMaxTtl,
        String shareSecret,
        String publicUrl,
        boolean downloadRedirect,
        Duration downloadRedirectTtl,
        Duration orphanAge,
        Duration sweepInterval) {

    public FilesProperties {
        maxUploadSize = maxUploadSize == null ? DataSize.ofMegabytes(100) : maxUploadSize;
        quota = quota == null ? DataSize.ofGigabytes(10) : quota;
        partSize = partSize == null ? DataSize.ofMegabytes(8) : partSize;
        if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
            throw new IllegalArgumentException("plexichat.files.part-size must be at least 5MB (S3's smallest part)");
        }
        sessionTtl = sessionTtl == null ? Duration.ofHours(24) : sessionTtl;
        blockedTypes = blockedTypes == null
                ? List.of("application/x-msdownload", "application/x-ms-installer", "application/x-dosexec")
                : blockedTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        thumbnailMaxPixels = thumbnailMaxPixels == null ? 40_000_000L : thumbnailMaxPixels;
        thumbnailMaxSourceSize = thumbnailMaxSourceSize == null ? DataSize.ofMegabytes(50) : thumbnailMaxSourceSize;
        thumbnailSize = thumbnailSize == null ? 400 : thumbnailSize;
        shareDefaultTtl = shareDefaultTtl == null ? Duration.ofDays(1) : shareDefaultTtl;
        shareMaxTtl = shareMaxTtl == null ? Duration.ofDays(7) : shareMaxTtl;
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:8080" : stripSlash(publicUrl);
        downloadRedirectTtl = downloadRedirectTtl == null ? Duration.ofSeconds(60) : downloadRedirectTtl;
        orphanAge = orphanAge == null ? Duration.ofHours(1) : orphanAge;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
    }

    public int partBytes() {
        return Math.toIntExact(partSize.toBytes());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
