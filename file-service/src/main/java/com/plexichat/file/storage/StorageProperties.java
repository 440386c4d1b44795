package com.plexichat.file.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plexichat.s3.*}: the S3 API holding the bytes (s3proxy locally and in tests, MinIO or AWS S3 in
 * production); credentials come from the environment.
 */
@ConfigurationProperties("plexichat.s3")
public record StorageProperties(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    public StorageProperties {
        endpoint = endpoint == null ? "http://127.0.0.1:18333" : endpoint;
        bucket = bucket == null ? "plexichat-files" : bucket;
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }
}
