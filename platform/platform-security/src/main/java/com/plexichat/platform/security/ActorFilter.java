package com.plexichat.platform.security;

import com.plexichat.platform.api.RequestClients;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Once the caller is known, notes who they are for the request's thread ({@link RequestClients#actorId()}), so every
 * event the request publishes names its actor, whatever its own fields say. An API key is named by its id already.
 */
class ActorFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CurrentUsers.find().filter(user -> !user.apiKey()).ifPresent(user -> RequestClients.actor(user.id()));
        chain.doFilter(request, response);
    }
}
