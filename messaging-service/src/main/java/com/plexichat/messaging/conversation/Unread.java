package com.plexichat.messaging.conversation;

import java.util.UUID;

/** Unread messages of one conversation ({@code type} channel or dm) for one user. */
public record Unread(
        UUID conversationId, String type, long lastSeq, long lastReadSeq, long unreadCount, long mentionCount) {}
