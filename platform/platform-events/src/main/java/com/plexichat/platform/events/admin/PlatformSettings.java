package com.plexichat.platform.events.admin;

import java.util.List;

/**
 * The settings an administrator changes at run time ({@code GET/PUT /v1/admin/settings}), as every service reads
 * them. admin-service owns their defaults and validation; the services apply what concerns them.
 *
 * @param registration who may register
 * @param rateLimits the gateway's limit classes
 * @param files upload limits
 * @param messages message limits
 * @param retention days to keep things (0: forever)
 * @param directory whom users can find and open direct messages with
 */
public record PlatformSettings(
        Registration registration,
        RateLimits rateLimits,
        Files files,
        Messages messages,
        Retention retention,
        Directory directory) {

    /**
     * @param mode {@code open}, {@code invite_only} or {@code closed}
     * @param allowedEmailDomains empty: any
     * @param requireVerifiedEmail whether a user may log in before following the verification mail (null: the
     *     default, required)
     */
    public record Registration(String mode, List<String> allowedEmailDomains, Boolean requireVerifiedEmail) {

        /** Settings saved before this one existed, or none saved yet, mean the default: verification required. */
        public static boolean verifiedEmailRequired(java.util.Optional<PlatformSettings> settings) {
            return settings.map(PlatformSettings::registration)
                    .map(r -> !Boolean.FALSE.equals(r.requireVerifiedEmail()))
                    .orElse(true);
        }
    }

    public record RateLimits(Limit auth, Limit api, Limit uploads, Limit websocket) {}

    /** At most {@code limit} requests per {@code periodSeconds}. */
    public record Limit(Long limit, Long periodSeconds) {}

    public record Files(Long maxUploadBytes, Long userQuotaBytes) {}

    /** @param editWindowSeconds how long after sending its author may edit a message (0: always) */
    public record Messages(Integer maxLength, Long editWindowSeconds) {}

    public record Retention(Integer messagesDays, Integer filesDays, Integer auditDays) {}

    /**
     * @param visibility {@code organization}: users see, and open DMs with, only people who share an organization
     *     with them (administrators see everyone); {@code everyone}: the whole directory is open to every user
     */
    public record Directory(String visibility) {

        public static final String ORGANIZATION = "organization";
        public static final String EVERYONE = "everyone";
        public static final Directory DEFAULT = new Directory(ORGANIZATION);

        /** Settings saved before this one existed, or none saved yet, mean the default. */
        public static boolean open(java.util.Optional<PlatformSettings> settings) {
            return settings.map(PlatformSettings::directory)
                    .map(d -> EVERYONE.equals(d.visibility()))
                    .orElse(false);
        }
    }
}
