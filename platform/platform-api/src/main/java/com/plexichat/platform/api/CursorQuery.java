package com.plexichat.platform.api;

import java.util.UUID;

/**
 * A cursor request for message lists: at most one of {@code before}, {@code after} (message ids) or
 * {@code after_seq}, and {@code limit} 1..100 (default 50). None of the three means "newest".
 */
public record CursorQuery(UUID before, UUID after, Long afterSeq, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public CursorQuery {
        int given = (before == null ? 0 : 1) + (after == null ? 0 : 1) + (afterSeq == null ? 0 : 1);
        if (given > 1) {
            throw ApiException.invalid("before", "use only one of before, after and after_seq");
        }
        if (afterSeq != null && afterSeq < 0) {
            throw ApiException.invalid("after_seq", "must be 0 or greater");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static CursorQuery of(UUID before, UUID after, Long afterSeq, Integer limit) {
        return new CursorQuery(before, after, afterSeq, limit == null ? DEFAULT_LIMIT : limit);
    }

    public boolean newest() {
        return before == null && after == null && afterSeq == null;
    }
}
