package com.plexichat.admin.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Responses of /v1/admin/audit-logs. */
final class AuditRecords {

    private AuditRecords() {}

    record Actor(UUID userId, UUID apiKeyId, String ip, String userAgent) {}

    record Target(String type, String id) {}

    record AuditEntryResponse(
            UUID id,
            long seq,
            Instant time,
            Actor actor,
            String action,
            Target target,
            String outcome,
            JsonNode details,
            String requestId,
            String prevHash,
            String hash) {}

    static AuditEntryResponse response(AuditLog.Entry e) {
        return new AuditEntryResponse(
                e.id(),
                e.seq(),
                e.time(),
                new Actor(e.actorUserId(), e.actorApiKeyId(), e.actorIp(), e.actorUserAgent()),
                e.action(),
                new Target(e.targetType(), e.targetId()),
                e.outcome(),
                e.details(),
                e.requestId(),
                e.prevHash(),
                e.hash());
    }
}
