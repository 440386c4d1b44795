package com.plexichat.platform.api;

/**
 * A page request ({@code ?page=1&per_page=50}). Out-of-range values are a client error, never
 * silently clamped: a client asking for 500 per page should learn the limit.
 */
public record PageQuery(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 50;
    public static final int MAX_PER_PAGE = 100;
    /**
     * How deep a page may reach ({@code page × per_page}). An OFFSET scan reads and throws away every row before the
     * page, so a client walking everything by page numbers costs the database more with each page; past this depth
     * it is told to walk by cursor, which costs the same on every page.
     */
    public static final int MAX_ROWS = 10_000;

    public PageQuery {
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw ApiException.invalid("per_page", "must be between 1 and " + MAX_PER_PAGE);
        }
        if (page < 1) {
            throw ApiException.invalid("page", "must be at least 1");
        }
        if ((long) page * perPage > MAX_ROWS) {
            throw ApiException.invalid(
                    "page",
                    "page × per_page may reach at most " + MAX_ROWS + " rows; go further with cursor pagination"
                            + " (before, after, after_seq) where the list offers it, or narrow the query");
        }
    }

    public static PageQuery of(Integer page, Integer perPage) {
        return new PageQuery(page == null ? 1 : page, perPage == null ? DEFAULT_PER_PAGE : perPage);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
