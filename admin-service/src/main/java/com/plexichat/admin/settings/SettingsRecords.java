package com.plexichat.admin.settings;

import com.plexichat.platform.events.admin.PlatformSettings;
import java.time.Instant;
import java.util.UUID;

/** What {@code /v1/admin/settings} answers: the settings and their version (also the ETag). */
final class SettingsRecords {

    private SettingsRecords() {}

    record SettingsResponse(
            long version,
            PlatformSettings.Registration registration,
            PlatformSettings.RateLimits rateLimits,
            PlatformSettings.Files files,
            PlatformSettings.Messages messages,
            PlatformSettings.Retention retention,
            PlatformSettings.Directory directory,
            Instant updatedAt,
            UUID updatedBy) {

        static SettingsResponse of(SettingsStore.Stored stored) {
            PlatformSettings s = stored.settings();
            return new SettingsResponse(
                    stored.version(),
                    new PlatformSettings.Registration(
                            s.registration().mode(),
                            s.registration().allowedEmailDomains(),
                            PlatformSettings.Registration.verifiedEmailRequired(java.util.Optional.of(s))),
                    s.rateLimits(),
                    s.files(),
                    s.messages(),
                    s.retention(),
                    s.directory() == null ? PlatformSettings.Directory.DEFAULT : s.directory(),
                    stored.updatedAt(),
                    stored.updatedBy());
        }
    }

    /**
     * PUT's body: the whole document. What GET answered may be sent back as it is: the read-only fields are
     * ignored (the version travels in {@code If-Match}).
     */
    record SettingsRequest(
            PlatformSettings.Registration registration,
            PlatformSettings.RateLimits rateLimits,
            PlatformSettings.Files files,
            PlatformSettings.Messages messages,
            PlatformSettings.Retention retention,
            PlatformSettings.Directory directory,
            Long version,
            Instant updatedAt,
            UUID updatedBy) {

        PlatformSettings settings() {
            return new PlatformSettings(registration, rateLimits, files, messages, retention, directory);
        }
    }
}
