package com.plexichat.file.storage;

/** The object is not in the bucket (deleted meanwhile, or never completed). */
public class MissingObjectException extends RuntimeException {

    MissingObjectException(String key) {
        super("No object " + key);
    }
}
