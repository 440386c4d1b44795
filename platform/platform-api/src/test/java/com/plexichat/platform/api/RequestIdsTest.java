package com.plexichat.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "req_123", "A.b-c_9", "0123456789abcdef0123456789abcdef"})
    void keepsAValidClientId(String id) {
        assertThat(RequestIds.accept(id)).isEqualTo(id);
    }

    @Test
    void keepsAnIdOfExactly128Characters() {
        String id = "x".repeat(128);
        assertThat(RequestIds.accept(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "has space", "semi;colon", "<script>", "new\nline", "ümlaut", "a/b"})
    void replacesAMissingOrInvalidIdWithAGeneratedOne(String id) {
        String accepted = RequestIds.accept(id);
        assertThat(accepted).isNotEqualTo(id).startsWith("req_");
        assertThat(RequestIds.isValid(accepted)).isTrue();
    }

    @Test
    void replacesAnIdLongerThan128Characters() {
        assertThat(RequestIds.accept("x".repeat(129))).startsWith("req_").hasSize(28);
    }

    @Test
    void generatedIdsAreValidAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestIds.generate();
            assertThat(id).matches("req_[A-Za-z0-9]{24}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
