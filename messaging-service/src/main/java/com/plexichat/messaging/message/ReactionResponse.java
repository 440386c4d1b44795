package com.plexichat.messaging.message;

/** One emoji on a message: how many reacted with it, and whether the caller did. */
public record ReactionResponse(String emoji, long count, boolean me) {}
