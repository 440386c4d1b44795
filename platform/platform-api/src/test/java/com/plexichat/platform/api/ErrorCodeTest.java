package com.plexichat.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasAClientMessageAndAnErrorStatus(ErrorCode code) {
        assertThat(code.defaultMessage()).isNotBlank();
        assertThat(code.status()).isBetween(400, 599);
    }

    @Test
    void statusesMapToTheirConventionalCodes() {
        assertThat(ErrorCode.forStatus(400)).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(ErrorCode.forStatus(401)).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(ErrorCode.forStatus(403)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ErrorCode.forStatus(404)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.forStatus(405)).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(ErrorCode.forStatus(406)).isEqualTo(ErrorCode.NOT_ACCEPTABLE);
        assertThat(ErrorCode.forStatus(409)).isEqualTo(ErrorCode.CONFLICT);
        assertThat(ErrorCode.forStatus(413)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(ErrorCode.forStatus(415)).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ErrorCode.forStatus(422)).isEqualTo(ErrorCode.BUSINESS_RULE_VIOLATION);
        assertThat(ErrorCode.forStatus(429)).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(ErrorCode.forStatus(500)).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(ErrorCode.forStatus(503)).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(ErrorCode.forStatus(504)).isEqualTo(ErrorCode.GATEWAY_TIMEOUT);
        assertThat(ErrorCode.forStatus(418)).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(ErrorCode.forStatus(502)).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }
}
