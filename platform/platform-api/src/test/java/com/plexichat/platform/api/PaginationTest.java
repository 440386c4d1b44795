package com.plexichat.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaginationTest {

    @Test
    void defaultsToFirstPageOfFifty() {
        PageQuery query = PageQuery.of(null, null);
        assertThat(query.page()).isEqualTo(1);
        assertThat(query.perPage()).isEqualTo(50);
        assertThat(query.offset()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100})
    void acceptsPerPageFromOneToHundred(int perPage) {
        assertThat(PageQuery.of(2, perPage).offset()).isEqualTo(perPage);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 1000})
    void rejectsPerPageOutOfRangeNamingTheField(int perPage) {
        assertThatThrownBy(() -> PageQuery.of(1, perPage)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(e.details()).hasToString("{field=per_page, reason=must be between 1 and 100}");
        });
    }

    @Test
    void aPageDeeperThanTenThousandRowsPointsToCursors() {
        assertThat(PageQuery.of(100, 100).offset()).isEqualTo(9_900);
        assertThat(PageQuery.of(10_000, 1).offset()).isEqualTo(9_999);
        for (int[] deep : new int[][] {{101, 100}, {201, 50}, {10_001, 1}, {Integer.MAX_VALUE, 100}}) {
            assertThatThrownBy(() -> PageQuery.of(deep[0], deep[1])).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                assertThat(e.details().toString())
                        .contains("field=page")
                        .contains("10000 rows")
                        .contains("cursor pagination");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, 100_001})
    void rejectsPageOutOfRange(int page) {
        assertThatThrownBy(() -> PageQuery.of(page, 10))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details().toString()).contains("field=page"));
    }

    @Test
    void computesTheSeedPaginationBlock() {
        Pagination middle = Pagination.of(PageQuery.of(2, 50), 1250);
        assertThat(middle).isEqualTo(new Pagination(2, 50, 1250, 25, true, true));
        assertThat(Pagination.of(PageQuery.of(25, 50), 1250)).isEqualTo(new Pagination(25, 50, 1250, 25, false, true));
        assertThat(Pagination.of(PageQuery.of(1, 50), 0)).isEqualTo(new Pagination(1, 50, 0, 0, false, false));
        assertThat(Pagination.of(PageQuery.of(1, 50), 51).totalPages()).isEqualTo(2);
    }

    @Test
    void cursorDefaultsToTheNewestFifty() {
        CursorQuery query = CursorQuery.of(null, null, null, null);
        assertThat(query.newest()).isTrue();
        assertThat(query.limit()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101, -1})
    void rejectsCursorLimitOutOfRange(int limit) {
        assertThatThrownBy(() -> CursorQuery.of(null, null, null, limit))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details().toString()).contains("field=limit"));
    }

    @Test
    void rejectsMoreThanOneCursor() {
        assertThatThrownBy(() -> CursorQuery.of(UUID.randomUUID(), null, 5L, 10))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> CursorQuery.of(UUID.randomUUID(), UUID.randomUUID(), null, 10))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void rejectsNegativeAfterSeq() {
        assertThatThrownBy(() -> CursorQuery.of(null, null, -1L, 10))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.details().toString()).contains("after_seq"));
    }
}
