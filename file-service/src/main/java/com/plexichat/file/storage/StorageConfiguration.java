package com.plexichat.file.storage;

import com.plexichat.file.FilesProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.MinioAsyncClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    /**
     * Bounded waits on S3: connecting fails fast when it is down (the 503 envelope). Reading and writing time out
     * after that long without progress (not for a whole transfer), so a stalled S3 is a 503 within 10-20 s rather
     * than a held request thread. OkHttp retries a request once on a pooled connection the server had closed.
     */
    @Bean
    ObjectStore objectStore(StorageProperties properties, FilesProperties files, MeterRegistry meters) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(3).toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)
                .build();
        MinioAsyncClient client = MinioAsyncClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .httpClient(http)
                .build();
        return new ObjectStore(client, properties.bucket(), files.partBytes(), meters);
    }

    /** The bucket is made at start when S3 answers; otherwise on first use. */
    @EventListener(ApplicationReadyEvent.class)
    void ensureBucket(ApplicationReadyEvent ready) {
        try {
            ready.getApplicationContext().getBean(ObjectStore.class).ensureBucket();
        } catch (RuntimeException e) {
            log.warn("S3 did not answer at start; the bucket is checked again on first use");
        }
    }
}
