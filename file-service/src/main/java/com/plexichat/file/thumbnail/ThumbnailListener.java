package com.plexichat.file.thumbnail;

import com.plexichat.file.FilesProperties;
import com.plexichat.file.file.FileService;
import com.plexichat.file.file.FileService.FileView;
import com.plexichat.file.storage.MissingObjectException;
import com.plexichat.file.storage.ObjectStore;
import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.Topics;
import com.plexichat.platform.events.file.FileUploaded;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes thumbnails after upload, from {@code file.uploaded} (asynchronously: an upload is answered without waiting
 * for it). The result is written to the file's row (and a ready thumbnail announced); a redelivered event finds the
 * thumbnail made and does nothing. S3 failures are retried by the consumer; an image that cannot be read is
 * {@code failed}, not retried.
 */
@Component
class ThumbnailListener {

    static final String CONSUMER = "file-service.thumbnails";

    private final FileService files;
    private final ObjectStore store;
    private final Thumbnailer thumbnailer;
    private final FilesProperties properties;
    private final JsonMapper mapper;
    private final MeterRegistry meters;

    ThumbnailListener(
            FileService files,
            ObjectStore store,
            Thumbnailer thumbnailer,
            FilesProperties properties,
            JsonMapper mapper,
            MeterRegistry meters) {
        this.files = files;
        this.store = store;
        this.thumbnailer = thumbnailer;
        this.properties = properties;
        this.mapper = mapper;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.FILES, groupId = CONSUMER)
    public void on(EventEnvelope event) {
        if (!event.is(FileUploaded.TYPE)) {
            return;
        }
        FileUploaded uploaded = event.dataAs(FileUploaded.TYPE, mapper);
        FileView file = files.find(uploaded.fileId()).orElse(null);
        if (file == null || !"pending".equals(file.thumbnailStatus())) {
            return; // deleted meanwhile, not an image, or done by an earlier delivery
        }
        if (file.size() > properties.thumbnailMaxSourceSize().toBytes()) {
            finish(file, "too_large", null, 0, 0);
            return;
        }
        Thumbnailer.Outcome outcome;
        try (InputStream source = store.get(file.objectKey())) {
            outcome = thumbnailer.make(source);
        } catch (MissingObjectException gone) {
            finish(file, "failed", null, 0, 0);
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file.objectKey(), e);
        }
        switch (outcome) {
            case Thumbnailer.Made made -> {
                String key = "thumbnails/" + file.id() + "." + made.extension();
                store.putBytes(key, made.bytes(), made.contentType());
                finish(file, "ready", key, made.width(), made.height());
            }
            case Thumbnailer.Refused refused -> finish(file, refused.status(), null, 0, 0);
        }
    }

    private void finish(FileView file, String status, String key, int width, int height) {
        files.thumbnailDone(file.id(), status, key, width, height);
        meters.counter("plexichat.files.thumbnails", "outcome", status).increment();
    }
}
