package com.plexichat.platform.api.servlet;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.CursorQuery;
import com.plexichat.platform.api.PageQuery;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers take {@link PageQuery} ({@code page}, {@code per_page}) or {@link CursorQuery}
 * ({@code before}, {@code after}, {@code after_seq}, {@code limit}) as parameters, with the range
 * checks of API-CONVENTIONS.md.
 */
class PaginationArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == PageQuery.class || type == CursorQuery.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        if (parameter.getParameterType() == PageQuery.class) {
            return PageQuery.of(integer(request, "page"), integer(request, "per_page"));
        }
        Integer limit = integer(request, "limit");
        String afterSeq = request.getParameter("after_seq");
        return CursorQuery.of(
                uuid(request, "before"),
                uuid(request, "after"),
                afterSeq == null ? null : number(afterSeq, "after_seq"),
                limit);
    }

    private static Integer integer(NativeWebRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        long parsed = number(value, name);
        if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) {
            throw ApiException.invalid(name, "is out of range");
        }
        return (int) parsed;
    }

    private static long number(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be an integer");
        }
    }

    private static UUID uuid(NativeWebRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "must be a message id (UUID)");
        }
    }
}
