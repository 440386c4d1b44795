package com.plexichat.file;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** file-service: file upload, download, thumbnails and share links over S3. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(FilesProperties.class)
public class FileApplication {

    public static void main(String[] args) {
        SpringApplication.run(FileApplication.class, args);
    }
}
