package com.plexichat.admin.audit;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.CursorPagination;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Reading the audit log: pages, the streamed export, and the walk that checks the chain. */
@Service
class AuditTrail {

    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final JsonMapper json;

    AuditTrail(AuditLog log, AuditCheckpoints checkpoints, JsonMapper json) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.json = json;
    }

    record Page(List<AuditRecords.AuditEntryResponse> items, CursorPagination pagination) {}

    @Transactional(readOnly = true)
    Page page(AuditLog.Filter filter, String cursor, int limit) {
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("cursor", "must be a cursor this endpoint returned");
            }
        }
        List<AuditLog.Entry> entries = log.page(filter, before, limit + 1);
        boolean more = entries.size() > limit;
        List<AuditLog.Entry> shown = more ? entries.subList(0, limit) : entries;
        String next = more ? Long.toString(shown.getLast().seq()) : null;
        return new Page(
                shown.stream().map(AuditRecords::response).toList(), new CursorPagination(limit, more, next, null));
    }

    /** One JSON object per line, oldest first, streamed from the database. */
    @Transactional(readOnly = true)
    void export(OutputStream out) {
        log.walk(entry -> {
            try {
                out.write(json.writeValueAsBytes(AuditRecords.response(entry)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Walks the chain: each entry must follow the previous one (seq without gaps, prev_hash = the previous hash),
     * hash to what it stores, and match every signed checkpoint at its seq; and no checkpoint may lie beyond the head
     * (entries cut off). The first entry that does not hold is named.
     */
    @Transactional(readOnly = true)
    Map<String, Object> verify() {
        Map<Long, String> signed = new java.util.HashMap<>();
        long unverifiable = 0;
        AuditCheckpoints.Checkpoint latest = null;
        for (AuditCheckpoints.Checkpoint checkpoint : checkpoints.all()) {
            if (!checkpoints.signedByUs(checkpoint)) {
                unverifiable++;
                continue;
            }
            signed.put(checkpoint.seq(), checkpoint.hash());
            if (latest == null || checkpoint.seq() > latest.seq()) {
                latest = checkpoint;
            }
        }
        long[] count = {0};
        String[] previous = {AuditLog.GENESIS};
        long[] expectedSeq = {1};
        Map<String, Object> broken = new LinkedHashMap<>();
        log.walk(entry -> {
            if (!broken.isEmpty()) {
                return;
            }
            String reason = null;
            if (entry.seq() != expectedSeq[0]) {
                reason = "entry " + expectedSeq[0] + " is missing";
            } else if (!entry.prevHash().equals(previous[0])) {
                reason = "prev_hash does not match the previous entry's hash";
            } else if (!AuditLog.hash(entry.prevHash(), entry).equals(entry.hash())) {
                reason = "the entry's content does not match its hash";
            } else if (signed.containsKey(entry.seq())
                    && !signed.get(entry.seq()).equals(entry.hash())) {
                reason = "the entry differs from the signed checkpoint at its seq: the log was rewritten";
            }
            if (reason != null) {
                broken.put("seq", entry.seq());
                broken.put("id", entry.id());
                broken.put("reason", reason);
                return;
            }
            count[0]++;
            previous[0] = entry.hash();
            expectedSeq[0]++;
        });
        long head = expectedSeq[0] - 1;
        if (broken.isEmpty() && latest != null && latest.seq() > head) {
            broken.put("seq", head + 1);
            broken.put("id", null);
            broken.put(
                    "reason",
                    "entries up to " + latest.seq() + " were signed at " + latest.time() + " but the log ends at "
                            + head + ": the log was cut or rewritten");
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        checked.put("checked", signed.size());
        checked.put("latest_seq", latest == null ? null : latest.seq());
        checked.put("latest_time", latest == null ? null : latest.time());
        checked.put("other_keys", unverifiable);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("valid", broken.isEmpty());
        result.put("entries_checked", count[0]);
        result.put("head_seq", expectedSeq[0] - 1);
        result.put("head_hash", previous[0]);
        result.put("first_broken", broken.isEmpty() ? null : broken);
        result.put("checkpoints", checked);
        return result;
    }

    static UUID uuid(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "must be a UUID");
        }
    }
}
