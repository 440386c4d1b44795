package com.plexichat.platform.test;

/** A real S3 API with the files bucket created. */
public interface S3Infrastructure {

    String endpoint();

    String accessKey();

    String secretKey();

    String bucket();
}
