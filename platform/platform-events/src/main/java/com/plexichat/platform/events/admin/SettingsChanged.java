package com.plexichat.platform.events.admin;

import com.plexichat.platform.events.EventType;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The settings as of {@code version} (each change adds one), and what they were before. Keyed {@code settings} on a
 * compacted topic, so the latest one is always there to read at start-up.
 */
public record SettingsChanged(
        long version, PlatformSettings settings, PlatformSettings previous, UUID changedBy, Instant changedAt) {

    public static final String SUBJECT = "settings";

    public static final EventType<SettingsChanged> TYPE =
            new EventType<>("settings.changed", Topics.SETTINGS, SettingsChanged.class, Set.of("admin-service"));
}
