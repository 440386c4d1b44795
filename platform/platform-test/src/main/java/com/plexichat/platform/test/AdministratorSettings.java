package com.plexichat.platform.test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Settings as admin-service publishes them ({@code settings.changed} on the compacted settings topic), for a
 * service's test: {@link #publish} puts a newer version with some values changed; {@link #restore} puts the
 * defaults back (as a newer version still) so later tests see them. Plain maps: this library cannot see the event
 * contracts (they test against it).
 */
public final class AdministratorSettings {

    public static final String TOPIC = "plexichat.settings";

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());

    private final EventInjector inject;

    public AdministratorSettings(EventInjector inject) {
        this.inject = inject;
    }

    /** admin-service's defaults (docs/admin.md), which mirror config-repo. */
    public static Map<String, Object> defaults() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(
                "registration",
                section("mode", "open", "allowed_email_domains", List.of(), "require_verified_email", true));
        settings.put(
                "rate_limits",
                section(
                        "auth", limit(5, 60),
                        "api", limit(1000, 3600),
                        "uploads", limit(10, 60),
                        "websocket", limit(100, 60)));
        settings.put("files", section("max_upload_bytes", 100L << 20, "user_quota_bytes", 10L << 30));
        settings.put("messages", section("max_length", 4000, "edit_window_seconds", 0));
        settings.put("retention", section("messages_days", 0, "files_days", 0, "audit_days", 0));
        settings.put("directory", section("visibility", "organization"));
        return settings;
    }

    /**
     * Publishes the defaults with {@code changes} ({@code "messages.max_length", 10, ...}: a dotted path, then its
     * value); returns the version.
     */
    @SuppressWarnings("unchecked")
    public long publish(Object... changes) {
        Map<String, Object> settings = defaults();
        for (int i = 0; i < changes.length; i += 2) {
            String[] path = ((String) changes[i]).split("\\.");
            Map<String, Object> at = settings;
            for (int p = 0; p < path.length - 1; p++) {
                at = (Map<String, Object>) at.get(path[p]);
            }
            at.put(path[path.length - 1], changes[i + 1]);
        }
        long version = VERSIONS.incrementAndGet();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("settings", settings);
        data.put("previous", defaults());
        data.put("changed_by", UUID.randomUUID().toString());
        data.put("changed_at", Instant.now().toString());
        inject.publish(TOPIC, "settings.changed", "settings", data);
        return version;
    }

    public long restore() {
        return publish();
    }

    public static Map<String, Object> limit(long limit, long periodSeconds) {
        return section("limit", limit, "period_seconds", periodSeconds);
    }

    private static Map<String, Object> section(Object... entries) {
        Map<String, Object> section = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            section.put((String) entries[i], entries[i + 1]);
        }
        return section;
    }
}
