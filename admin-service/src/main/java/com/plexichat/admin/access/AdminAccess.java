package com.plexichat.admin.access;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import com.plexichat.platform.security.CurrentUser;
import com.plexichat.platform.security.CurrentUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every {@code /v1/admin/**} route is for the realm role {@code admin} (a user's, or an API key's with the {@code
 * admin} scope): one rule here rather than a check in each controller. No credential is the security chain's 401;
 * a member's token or a key without the scope is this 403.
 */
@Configuration(proxyBeanMethods = false)
class AdminAccess implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        CurrentUser caller = CurrentUsers.get();
                        if (!caller.isAdmin()) {
                            throw new ApiException(ErrorCode.FORBIDDEN, "Administrators only");
                        }
                        return true;
                    }
                })
                .addPathPatterns("/v1/admin/**");
    }
}
