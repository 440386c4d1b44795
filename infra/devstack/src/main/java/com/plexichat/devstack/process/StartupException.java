package com.plexichat.devstack.process;

/** A component did not come up (it exited, or it was not ready in time). */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
