package com.plexichat.platform.api.servlet;

/** Recognises Spring Security's exceptions by name, so platform-api needs no Security dependency. */
final class SecurityExceptions {

    private SecurityExceptions() {}

    static boolean isSecurityException(Throwable e) {
        for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
            String name = type.getName();
            if (name.equals("org.springframework.security.access.AccessDeniedException")
                    || name.equals("org.springframework.security.core.AuthenticationException")) {
                return true;
            }
        }
        return false;
    }
}
