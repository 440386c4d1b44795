package com.plexichat.platform.api;

/** The cursor block: {@code limit, has_more, next_cursor, prev_cursor}. */
public record CursorPagination(int limit, boolean hasMore, String nextCursor, String prevCursor) {}
