package com.plexichat.platform.api;

/** The seed's page block: {@code page, per_page, total, total_pages, has_next, has_prev}. */
public record Pagination(int page, int perPage, long total, long totalPages, boolean hasNext, boolean hasPrev) {

    public static Pagination of(PageQuery query, long total) {
        long totalPages = total == 0 ? 0 : (total + query.perPage() - 1) / query.perPage();
        return new Pagination(
                query.page(), query.perPage(), total, totalPages, query.page() < totalPages, query.page() > 1);
    }
}
