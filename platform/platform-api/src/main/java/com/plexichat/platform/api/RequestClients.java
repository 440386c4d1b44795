package com.plexichat.platform.api;

import org.slf4j.MDC;

/**
 * Who is on the other end of the request being served: the client's address as the gateway resolved it (header
 * {@code X-PlexiChat-Client-Ip}, which the gateway always sets and never lets a client set), its {@code
 * User-Agent}, and the API key it used, if any. Kept for the request's thread (MDC) so the events a request publishes can name them for the audit log.
 */
public final class RequestClients {

    public static final String CLIENT_IP_HEADER = "X-PlexiChat-Client-Ip";
    /** Set by the gateway for a request it accepted with an API key (a client's own is dropped there). */
    public static final String API_KEY_ID_HEADER = "X-PlexiChat-Api-Key-Id";

    public static final String API_KEY_MDC_KEY = "api_key_id";
    public static final String ACTOR_MDC_KEY = "actor_id";
    public static final String IP_MDC_KEY = "client_ip";
    public static final String USER_AGENT_MDC_KEY = "user_agent";

    /** Longer user agents are cut: they are for recognising a client, not for storing whatever it sends. */
    public static final int MAX_USER_AGENT = 256;

    private RequestClients() {}

    public static String ip() {
        return MDC.get(IP_MDC_KEY);
    }

    public static String userAgent() {
        return MDC.get(USER_AGENT_MDC_KEY);
    }

    /** The signed-in user making the request, once authentication has run. */
    public static String actorId() {
        return MDC.get(ACTOR_MDC_KEY);
    }

    public static void actor(java.util.UUID userId) {
        put(ACTOR_MDC_KEY, userId == null ? null : userId.toString());
    }

    /** The API key the request came with, if it came with one. */
    public static String apiKeyId() {
        return MDC.get(API_KEY_MDC_KEY);
    }

    /** Sets them for this thread (null clears one). */
    public static void set(String ip, String userAgent, String apiKeyId) {
        put(API_KEY_MDC_KEY, apiKeyId == null || apiKeyId.isBlank() ? null : apiKeyId.strip());
        put(IP_MDC_KEY, ip == null || ip.isBlank() ? null : ip.strip());
        put(
                USER_AGENT_MDC_KEY,
                userAgent == null || userAgent.isBlank()
                        ? null
                        : userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
    }

    public static void clear() {
        MDC.remove(IP_MDC_KEY);
        MDC.remove(USER_AGENT_MDC_KEY);
        MDC.remove(API_KEY_MDC_KEY);
        MDC.remove(ACTOR_MDC_KEY);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
