package com.plexichat.admin.settings;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.events.EventPublisher;
import com.plexichat.platform.events.admin.PlatformSettings;
import com.plexichat.platform.events.admin.PlatformSettings.Limit;
import com.plexichat.platform.events.admin.SettingsChanged;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The settings' one owner: defaults, validation, versioned changes. A change is stored and published ({@code
 * settings.changed}, with the settings before it, which the audit log keeps) in one transaction; the gateway and
 * the services apply it from the settings topic.
 */
@Service
class SettingsService {

    static final String OPEN = "open";
    static final String INVITE_ONLY = "invite_only";
    static final String CLOSED = "closed";

    /**
     * The defaults mirror config-repo (the gateway's limits, file-service's sizes, messaging-service's length), which
     * every service runs on until the first change is saved.
     */
    static final PlatformSettings DEFAULTS = new PlatformSettings(
            new PlatformSettings.Registration(OPEN, List.of(), true),
            new PlatformSettings.RateLimits(
                    new Limit(5L, 60L), new Limit(1000L, 3600L), new Limit(10L, 60L), new Limit(100L, 60L)),
            new PlatformSettings.Files(100L * 1024 * 1024, 10L * 1024 * 1024 * 1024),
            new PlatformSettings.Messages(4000, 0L),
            new PlatformSettings.Retention(0, 0, 0),
            PlatformSettings.Directory.DEFAULT);

    /** The gateway admits at most this much in one upload request (config-repo: request-limits). */
    static final long MAX_UPLOAD_CEILING = 100L * 1024 * 1024;

    static final int MAX_MESSAGE_LENGTH = 16_000;
    static final int MAX_DOMAINS = 100;
    private static final Pattern DOMAIN =
            Pattern.compile("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

    private final SettingsStore store;
    private final EventPublisher events;
    private final Clock clock;

    SettingsService(SettingsStore store, EventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    SettingsStore.Stored current() {
        return store.find().orElseGet(() -> new SettingsStore.Stored(0, DEFAULTS, null, null));
    }

    /**
     * @param expectedVersion the version the caller read ({@code If-Match})
     * @return the settings now; unchanged (same version) when nothing differs
     */
    @Transactional
    SettingsStore.Stored change(long expectedVersion, PlatformSettings requested, UUID by) {
        PlatformSettings next = validated(requested);
        store.lock();
        SettingsStore.Stored current = current();
        if (current.version() != expectedVersion) {
            throw new ApiException(
                    ErrorCode.PRECONDITION_FAILED,
                    "The settings changed since version " + expectedVersion + "; read them again",
                    Map.of("current_version", current.version()));
        }
        if (next.equals(current.settings())) {
            return current;
        }
        long version = current.version() + 1;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.save(version, next, now, by);
        events.publish(
                SettingsChanged.TYPE,
                SettingsChanged.SUBJECT,
                new SettingsChanged(version, next, current.settings(), by, now));
        return new SettingsStore.Stored(version, next, now, by);
    }

    /** Every problem at once (400 with one entry per field), or the settings normalised (domains lower-cased). */
    static PlatformSettings validated(PlatformSettings s) {
        List<Map<String, String>> errors = new ArrayList<>();
        List<String> domains = List.of();
        if (required(errors, "registration", s.registration())) {
            String mode = s.registration().mode();
            if (!Set.of(OPEN, INVITE_ONLY, CLOSED).contains(mode)) {
                errors.add(error("registration.mode", "one of open, invite_only, closed"));
            }
            List<String> given = s.registration().allowedEmailDomains();
            if (given == null) {
                errors.add(error("registration.allowed_email_domains", "is required (empty: any domain)"));
            } else if (given.size() > MAX_DOMAINS) {
                errors.add(error("registration.allowed_email_domains", "at most " + MAX_DOMAINS + " domains"));
            } else {
                Set<String> normalised = new LinkedHashSet<>();
                for (int i = 0; i < given.size(); i++) {
                    String domain = given.get(i) == null ? "" : given.get(i).toLowerCase(Locale.ROOT);
                    if (!DOMAIN.matcher(domain).matches()) {
                        errors.add(
                                error("registration.allowed_email_domains[" + i + "]", "a domain such as example.org"));
                    }
                    normalised.add(domain);
                }
                domains = List.copyOf(normalised);
            }
        }
        if (required(errors, "rate_limits", s.rateLimits())) {
            limit(errors, "rate_limits.auth", s.rateLimits().auth());
            limit(errors, "rate_limits.api", s.rateLimits().api());
            limit(errors, "rate_limits.uploads", s.rateLimits().uploads());
            limit(errors, "rate_limits.websocket", s.rateLimits().websocket());
        }
        if (required(errors, "files", s.files())) {
            Long upload = s.files().maxUploadBytes();
            Long quota = s.files().userQuotaBytes();
            range(errors, "files.max_upload_bytes", upload, 1, MAX_UPLOAD_CEILING);
            range(errors, "files.user_quota_bytes", quota, 1, 1L << 50);
            if (upload != null && quota != null && quota < upload) {
                errors.add(error("files.user_quota_bytes", "at least files.max_upload_bytes"));
            }
        }
        if (required(errors, "messages", s.messages())) {
            Integer length = s.messages().maxLength();
            range(errors, "messages.max_length", length == null ? null : length.longValue(), 1, MAX_MESSAGE_LENGTH);
            range(errors, "messages.edit_window_seconds", s.messages().editWindowSeconds(), 0, 365L * 24 * 3600);
        }
        if (required(errors, "retention", s.retention())) {
            days(errors, "retention.messages_days", s.retention().messagesDays());
            days(errors, "retention.files_days", s.retention().filesDays());
            days(errors, "retention.audit_days", s.retention().auditDays());
        }
        if (required(errors, "directory", s.directory())
                && !Set.of(PlatformSettings.Directory.ORGANIZATION, PlatformSettings.Directory.EVERYONE)
                        .contains(s.directory().visibility())) {
            errors.add(error("directory.visibility", "one of organization, everyone"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(
                    ErrorCode.VALIDATION_ERROR,
                    "Invalid settings",
                    errors.size() == 1 ? errors.getFirst() : Map.of("errors", errors));
        }
        return new PlatformSettings(
                new PlatformSettings.Registration(
                        s.registration().mode(),
                        domains,
                        !Boolean.FALSE.equals(s.registration().requireVerifiedEmail())),
                s.rateLimits(),
                s.files(),
                s.messages(),
                s.retention(),
                s.directory());
    }

    private static boolean required(List<Map<String, String>> errors, String field, Object value) {
        if (value == null) {
            errors.add(error(field, "is required"));
            return false;
        }
        return true;
    }

    private static void limit(List<Map<String, String>> errors, String field, Limit limit) {
        if (required(errors, field, limit)) {
            range(errors, field + ".limit", limit.limit(), 1, 1_000_000);
            range(errors, field + ".period_seconds", limit.periodSeconds(), 1, 86_400);
        }
    }

    private static void days(List<Map<String, String>> errors, String field, Integer days) {
        range(errors, field, days == null ? null : days.longValue(), 0, 36_500);
    }

    private static void range(List<Map<String, String>> errors, String field, Long value, long min, long max) {
        if (value == null) {
            errors.add(error(field, "is required"));
        } else if (value < min || value > max) {
            errors.add(error(field, "between " + min + " and " + max));
        }
    }

    private static Map<String, String> error(String field, String reason) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("reason", reason);
        return error;
    }
}
