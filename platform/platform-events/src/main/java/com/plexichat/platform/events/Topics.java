package com.plexichat.platform.events;

/**
 * Kafka topics, one per aggregate family; records are keyed by the aggregate id so the events of
 * one user, channel or conversation stay in order. Failed records go to {@code <topic>.DLT}.
 */
public final class Topics {

    public static final String USERS = "plexichat.users";
    public static final String ORGS = "plexichat.orgs";
    public static final String CHANNELS = "plexichat.channels";
    public static final String MESSAGES = "plexichat.messages";
    public static final String FILES = "plexichat.files";
    public static final String CALLS = "plexichat.calls";
    public static final String AUTH = "plexichat.auth";
    public static final String ADMIN = "plexichat.admin";
    /**
     * Compacted, one record (key {@code settings}): the latest {@code settings.changed}, which every instance reads
     * from the start when it starts.
     */
    public static final String SETTINGS = "plexichat.settings";

    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /**
     * Whether every event on the topic carries its subject's version ({@link EventEnvelope#subjectversion}): the
     * topics whose consumers keep replicas that decide access, where a late, older event must not undo a newer one.
     */
    public static boolean versioned(String topic) {
        return CHANNELS.equals(topic) || ORGS.equals(topic);
    }
}
