package com.plexichat.devstack;

import java.time.Instant;
import java.util.List;

/** One mail as the SMTP server received it; {@code to} are the envelope recipients. */
public record ReceivedMail(String from, List<String> to, String subject, String text, Instant receivedAt) {

    public ReceivedMail {
        to = List.copyOf(to);
    }
}
