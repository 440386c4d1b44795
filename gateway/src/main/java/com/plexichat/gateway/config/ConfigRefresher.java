package com.plexichat.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the configuration again (config server, files) every {@code
 * plexichat.gateway.config-refresh-interval}, so a limit changed in config-repo applies without a
 * restart and without anybody calling an endpoint. Only changed keys are announced; a config server
 * that does not answer leaves the last values in place.
 */
@Component
class ConfigRefresher {

    private static final Logger log = LoggerFactory.getLogger(ConfigRefresher.class);

    private final ContextRefresher refresher;

    ConfigRefresher(ContextRefresher refresher) {
        this.refresher = refresher;
    }

    @Scheduled(
            initialDelayString = "${plexichat.gateway.config-refresh-interval:30s}",
            fixedDelayString = "${plexichat.gateway.config-refresh-interval:30s}")
    void refresh() {
        try {
            var changed = refresher.refreshEnvironment();
            if (!changed.isEmpty()) {
                log.info("Configuration changed: {}", changed);
            }
        } catch (RuntimeException e) {
            log.warn("Reading the configuration again failed; keeping the current one", e);
        }
    }
}
