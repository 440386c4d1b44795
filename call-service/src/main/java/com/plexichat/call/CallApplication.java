package com.plexichat.call;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** call-service: voice channels, calls with ringing, TURN credentials, and (next) the signaling WebSocket. */
@SpringBootApplication
@EnableConfigurationProperties(CallProperties.class)
@EnableScheduling
public class CallApplication {

    public static void main(String[] args) {
        SpringApplication.run(CallApplication.class, args);
    }
}
