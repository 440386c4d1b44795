package com.plexichat.platform.test;

import com.plexichat.devstack.ReceivedMail;
import java.util.List;

/** A real SMTP server whose mailboxes tests can read. */
public interface MailInfrastructure {

    String smtpHost();

    int smtpPort();

    /** Everything delivered to that address so far, oldest first. */
    List<ReceivedMail> messagesFor(String address);
}
