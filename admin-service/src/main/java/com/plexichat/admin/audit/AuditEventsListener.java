package com.plexichat.admin.audit;

import com.plexichat.platform.events.EventEnvelope;
import com.plexichat.platform.events.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log's producers are the domain events: each security-relevant one becomes an entry (once: the event id
 * is the entry's source), its data the details, the envelope's request id kept. Events name their actor where they
 * carry one ({@code changed_by}, {@code created_by}, ...).
 */
@Component
class AuditEventsListener {

    static final String CONSUMER = "admin-service.audit";

    /** An event type's entry: the action, what it is about, and which data fields name the target and the actor. */
    record Rule(String action, String targetType, String targetField, String actorField) {}

    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("auth.login-attempted", new Rule("auth.login", "user", "user_id", "user_id")),
            Map.entry("user.registered", new Rule("user.registered", "user", "user_id", "user_id")),
            Map.entry("user.status-changed", new Rule("user.status-changed", "user", "user_id", "changed_by")),
            Map.entry(
                    "user.deletion-requested", new Rule("user.deletion-requested", "user", "user_id", "requested_by")),
            Map.entry("user.deleted", new Rule("user.deleted", "user", "user_id", null)),
            Map.entry("session.revoked", new Rule("session.revoked", "user", "user_id", null)),
            Map.entry("org.member-added", new Rule("org.member-added", "organization", "organization_id", null)),
            Map.entry("org.member-removed", new Rule("org.member-removed", "organization", "organization_id", null)),
            Map.entry("org.deleted", new Rule("org.deleted", "organization", "organization_id", null)),
            Map.entry("channel.deleted", new Rule("channel.deleted", "channel", "channel_id", null)),
            Map.entry(
                    "channel.permissions-updated",
                    new Rule("channel.permissions-updated", "channel", "channel_id", null)),
            Map.entry("auth.two-factor-changed", new Rule("auth.two-factor-changed", "user", "user_id", "user_id")),
            Map.entry("file.shared", new Rule("file.shared", "file", "file_id", "shared_by")),
            Map.entry("file.shares-revoked", new Rule("file.shares-revoked", "file", "file_id", "revoked_by")),
            Map.entry("org.created", new Rule("org.created", "organization", "organization_id", "owner_id")),
            Map.entry("channel.archived", new Rule("channel.archived", "channel", "channel_id", null)),
            Map.entry("api-key.created", new Rule("api-key.created", "api_key", "key_id", "created_by")),
            Map.entry("api-key.revoked", new Rule("api-key.revoked", "api_key", "key_id", "revoked_by")),
            // The settings are one document: its version is the target, the details hold before and after.
            Map.entry("settings.changed", new Rule("settings.changed", "settings", "version", "changed_by")));

    private final AuditLog log;
    private final JsonMapper mapper;

    AuditEventsListener(AuditLog log, JsonMapper mapper) {
        this.log = log;
        this.mapper = mapper;
    }

    @KafkaListener(
            topics = {
                Topics.USERS,
                Topics.AUTH,
                Topics.ORGS,
                Topics.CHANNELS,
                Topics.FILES,
                Topics.ADMIN,
                Topics.SETTINGS
            },
            groupId = CONSUMER)
    @Transactional
    public void on(EventEnvelope event) {
        Rule rule = event.type() == null ? null : RULES.get(event.type());
        if (rule == null) {
            return;
        }
        JsonNode data = event.data() == null ? mapper.createObjectNode() : event.data();
        ObjectNode details = data.isObject() ? (ObjectNode) data.deepCopy() : mapper.createObjectNode();
        UUID named = uuid(
                rule.actorField() == null ? null : data.path(rule.actorField()).asString(null));
        // What the event says, else who made the request that caused it (org and channel events name nobody).
        UUID actor = named != null ? named : uuid(event.actorid());
        String target = data.path(rule.targetField()).asString(null);
        Instant time;
        try {
            time = event.time() == null ? Instant.now() : Instant.parse(event.time());
        } catch (java.time.format.DateTimeParseException e) {
            time = Instant.now();
        }
        // A request made with an API key: the key is the actor (the data's changed_by names it as a user would be).
        UUID apiKey = uuid(event.apikeyid());
        log.append(new AuditLog.NewEntry(
                time,
                apiKey == null ? actor : null,
                apiKey,
                event.clientip(),
                event.useragent(),
                rule.action(),
                rule.targetType(),
                target,
                // Facts are successes; an event that says how an attempt ended (a login) says so itself.
                data.path("outcome").asString("success"),
                details,
                event.requestid(),
                event.id()));
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
