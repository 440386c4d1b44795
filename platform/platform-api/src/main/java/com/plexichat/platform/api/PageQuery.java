package com.plexichat.platform.api;

/**
 * A page request ({@code ?page=1&per_page=50}). Out-of-range values are a client error, never
 * silently clamped: a client asking for 500 per page should learn the limit.
 */
public record PageQuery(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 50;
    public static final int MAX_PER_PAGE = 100;
    /** Deep OFFSET scans are slow and a sign of a client walking everything; cursors exist for that. */
    public static final int MAX_PAGE = 100_000;

    public PageQuery {
        if (page < 1 || page > MAX_PAGE) {
            throw ApiException.invalid("page", "must be between 1 and " + MAX_PAGE);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw ApiException.invalid("per_page", "must be between 1 and " + MAX_PER_PAGE);
        }
    }

    public static PageQuery of(Integer page, Integer perPage) {
        return new PageQuery(page == null ? 1 : page, perPage == null ? DEFAULT_PER_PAGE : perPage);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
