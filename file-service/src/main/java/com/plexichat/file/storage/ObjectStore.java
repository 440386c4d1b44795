package com.plexichat.file.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket, through the MinIO client against any S3 API. Uploads stream through one part-sized buffer: a body
 * smaller than a part is one PUT, a larger one an S3 multipart upload that is aborted when anything fails, so a
 * failed upload leaves no object and no parts behind. Failures of the S3 API itself are the 503 envelope.
 */
public class ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

    /** Part buffers kept for reuse: allocating (and zeroing) 8 MiB per upload grew the heap and cost CPU. */
    private static final int IDLE_BUFFERS = 4;

    private final MinioAsyncClient s3;
    private final String bucket;
    private final int partSize;
    private final MeterRegistry meters;
    private final ArrayBlockingQueue<byte[]> idleBuffers = new ArrayBlockingQueue<>(IDLE_BUFFERS);
    private volatile boolean bucketReady;

    ObjectStore(MinioAsyncClient s3, String bucket, int partSize, MeterRegistry meters) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
        this.meters = meters;
    }

    /** A buffer of one part's size, to hand back with {@link #release(byte[])}. */
    public byte[] borrow() {
        return borrow(partSize);
    }

    /** A buffer of at least {@code length} bytes (a session made when parts were larger gets its own). */
    public byte[] borrow(int length) {
        if (length > partSize) {
            return new byte[length];
        }
        byte[] buffer = idleBuffers.poll();
        return buffer != null ? buffer : new byte[partSize];
    }

    public void release(byte[] buffer) {
        if (buffer.length == partSize) {
            idleBuffers.offer(buffer);
        }
    }

    /** One part of a multipart upload as S3 acknowledged it. */
    public record StoredPart(int number, String etag) {}

    /** Creates the bucket if it is missing; until S3 answers, every use tries again. */
    public void ensureBucket() {
        if (bucketReady) {
            return;
        }
        synchronized (this) {
            if (bucketReady) {
                return;
            }
            boolean exists = call(wrap(() ->
                    s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())));
            if (!exists) {
                call(wrap(() ->
                        s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build())));
                log.info("Created the bucket {}", bucket);
            }
            bucketReady = true;
        }
    }

    /**
     * Streams {@code in} to the object, one part at a time through a reused buffer. The stream may throw (a size
     * limit, a client gone away): then nothing is left in the bucket and the exception is rethrown.
     *
     * @return the number of bytes stored
     */
    public long put(String key, InputStream in, String contentType) throws IOException {
        ensureBucket();
        byte[] buffer = borrow();
        try {
            return put(key, in, contentType, buffer);
        } finally {
            release(buffer);
        }
    }

    private long put(String key, InputStream in, String contentType, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, partSize);
        if (read < partSize) {
            int length = read;
            call(wrap(() ->
                    s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType(contentType).stream(
                                    new ByteArrayInputStream(buffer, 0, length), length, -1)
                            .build())));
            return read;
        }
        String uploadId = startMultipart(key, contentType);
        try {
            List<StoredPart> parts = new ArrayList<>();
            long total = 0;
            while (read > 0) {
                parts.add(uploadPart(key, uploadId, parts.size() + 1, buffer, read));
                total += read;
                read = in.readNBytes(buffer, 0, partSize);
            }
            completeMultipart(key, uploadId, parts);
            return total;
        } catch (IOException | RuntimeException | Error e) {
            abortMultipart(key, uploadId);
            throw e;
        }
    }

    public String startMultipart(String key, String contentType) {
        ensureBucket();
        var headers = com.google.common.collect.ImmutableMultimap.of("Content-Type", contentType);
        return call(wrap(() -> s3.createMultipartUploadAsync(bucket, null, key, headers, null)))
                .result()
                .uploadId();
    }

    public StoredPart uploadPart(String key, String uploadId, int number, byte[] data, int length) {
        String etag = call(wrap(
                        () -> s3.uploadPartAsync(bucket, null, key, data, length, uploadId, number, null, null)))
                .etag();
        return new StoredPart(number, etag);
    }

    public void completeMultipart(String key, String uploadId, List<StoredPart> parts) {
        Part[] list = parts.stream().map(p -> new Part(p.number(), p.etag())).toArray(Part[]::new);
        call(wrap(() -> s3.completeMultipartUploadAsync(bucket, null, key, uploadId, list, null, null)));
    }

    /** Best effort: an upload that cannot be aborted now is gone with the session's expiry or the bucket's rules. */
    public void abortMultipart(String key, String uploadId) {
        try {
            call(wrap(() -> s3.abortMultipartUploadAsync(bucket, null, key, uploadId, null, null)));
        } catch (RuntimeException e) {
            log.warn("Could not abort the multipart upload of {}: {}", key, e.toString());
        }
    }

    public void putBytes(String key, byte[] data, String contentType) {
        ensureBucket();
        call(wrap(() -> s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType(contentType).stream(
                        new ByteArrayInputStream(data), data.length, -1)
                .build())));
    }

    /** The object's bytes from {@code offset}, {@code length} of them (all when null). Close the stream. */
    public InputStream get(String key, long offset, Long length) {
        GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket).object(key);
        if (offset > 0) {
            args.offset(offset);
        }
        if (length != null) {
            args.length(length);
        }
        return call(wrap(() -> s3.getObject(args.build())), key);
    }

    public InputStream get(String key) {
        return get(key, 0, null);
    }

    /** Removes the object; one already gone is fine. */
    public void remove(String key) {
        call(wrap(() -> s3.removeObject(
                RemoveObjectArgs.builder().bucket(bucket).object(key).build())));
    }

    /** A URL that fetches the object without credentials until it expires, with these response headers. */
    public String presignedGet(String key, Duration ttl, Map<String, String> responseHeaders) {
        try {
            return s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(bucket)
                    .object(key)
                    .expiry((int) ttl.toSeconds())
                    .extraQueryParams(responseHeaders)
                    .build());
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    // --- the MinIO client's futures and checked exceptions -------------------------------------------------

    private interface Call<T> {
        CompletableFuture<T> start() throws Exception;
    }

    private <T> CompletableFuture<T> wrap(Call<T> call) {
        try {
            return call.start();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> T call(CompletableFuture<T> future) {
        return call(future, null);
    }

    private <T> T call(CompletableFuture<T> future, String key) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ErrorResponseException error
                    && key != null
                    && "NoSuchKey".equals(error.errorResponse().code())) {
                throw new MissingObjectException(key);
            }
            throw unavailable(cause);
        }
    }

    private StorageUnavailableException unavailable(Throwable cause) {
        meters.counter("plexichat.files.storage.failures").increment();
        log.warn("S3 call failed: {}", cause.toString());
        return new StorageUnavailableException();
    }
}
