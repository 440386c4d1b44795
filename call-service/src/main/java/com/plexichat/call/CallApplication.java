package com.plexichat.call;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** call-service: voice and video calls and the signaling WebSocket. */
@SpringBootApplication
public class CallApplication {

    public static void main(String[] args) {
        SpringApplication.run(CallApplication.class, args);
    }
}
