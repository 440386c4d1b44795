package com.plexichat.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code error} block of a failed response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, Object details) {}
