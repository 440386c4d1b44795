package com.plexichat.devstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.plexichat.devstack.process.Ports;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GreenMail SMTP and IMAP on loopback. Authentication is disabled, so every recipient gets a mailbox on first
 * delivery and IMAP accepts any password for it.
 */
public final class MailServer implements AutoCloseable {

    private final int smtpPort;
    private final int imapPort;
    private GreenMail greenMail;

    public MailServer(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort == 0 ? Ports.free() : smtpPort;
        int imap = imapPort == 0 ? Ports.free() : imapPort;
        this.imapPort = imap == this.smtpPort ? Ports.free() : imap;
    }

    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        var mail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(smtpPort, Ports.LOOPBACK, ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imapPort, Ports.LOOPBACK, ServerSetup.PROTOCOL_IMAP)
                })
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        greenMail = mail;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /**
     * Every distinct mail received, oldest first. GreenMail keeps one copy per recipient mailbox; the copies are
     * folded into one mail whose {@code to} lists the envelope recipients (so Bcc recipients show up too).
     */
    public synchronized List<ReceivedMail> messages() {
        if (greenMail == null) {
            return List.of();
        }
        var mails = new LinkedHashMap<String, List<Collected>>();
        var hosts = greenMail.getManagers().getImapHostManager();
        for (GreenMailUser user : greenMail.getUserManager().listUser()) {
            try {
                for (StoredMessage stored : hosts.getInbox(user).getMessages()) {
                    collect(mails, user.getEmail(), stored);
                }
            } catch (FolderException e) {
                throw new IllegalStateException("cannot read mailbox of " + user.getEmail(), e);
            }
        }
        return mails.values().stream()
                .flatMap(List::stream)
                .map(Collected::toMail)
                .sorted(Comparator.comparing(ReceivedMail::receivedAt))
                .toList();
    }

    public synchronized void purge() {
        if (greenMail == null) {
            return;
        }
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("cannot purge mailboxes", e);
        }
    }

    @Override
    public synchronized void close() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /**
     * Copies of one mail share their headers. The Message-ID identifies them when present; otherwise the headers
     * that a copy keeps do, and a second mail with the same headers to the same recipient is a different mail.
     */
    private static void collect(Map<String, List<Collected>> mails, String recipient, StoredMessage stored) {
        MimeMessage message = stored.getMimeMessage();
        Instant receivedAt = Optional.ofNullable(stored.getReceivedDate())
                .map(Date::toInstant)
                .orElseGet(Instant::now);
        List<Collected> sameKey = mails.computeIfAbsent(identity(message), k -> new ArrayList<>());
        Collected mail = sameKey.stream()
                .filter(candidate -> !candidate.recipients().contains(recipient))
                .findFirst()
                .orElseGet(() -> {
                    var added = new Collected(message, receivedAt, new LinkedHashSet<>());
                    sameKey.add(added);
                    return added;
                });
        mail.recipients().add(recipient);
    }

    private static String identity(MimeMessage message) {
        try {
            String messageId = message.getMessageID();
            if (messageId != null) {
                return messageId;
            }
            return String.join(
                    "\n",
                    String.valueOf(message.getHeader("From", ",")),
                    String.valueOf(message.getHeader("Date", ",")),
                    String.valueOf(message.getSubject()),
                    String.valueOf(message.getHeader("To", ",")));
        } catch (MessagingException e) {
            return "unreadable#" + System.identityHashCode(message);
        }
    }

    private record Collected(MimeMessage message, Instant receivedAt, Set<String> recipients) {

        ReceivedMail toMail() {
            try {
                return new ReceivedMail(
                        from(message),
                        new ArrayList<>(recipients),
                        message.getSubject(),
                        text(message).orElse(""),
                        receivedAt);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("cannot read a received mail", e);
            }
        }

        private static String from(MimeMessage message) throws MessagingException {
            Address[] from = message.getFrom();
            if (from == null || from.length == 0) {
                return "";
            }
            return from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString();
        }

        /** The text/plain body, else the text/html one, searched depth-first through multiparts. */
        private static Optional<String> text(Part part) throws MessagingException, IOException {
            return find(part, "text/plain").or(() -> uncheckedFind(part, "text/html"));
        }

        private static Optional<String> uncheckedFind(Part part, String type) {
            try {
                return find(part, type);
            } catch (MessagingException | IOException e) {
                return Optional.empty();
            }
        }

        private static Optional<String> find(Part part, String type) throws MessagingException, IOException {
            if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                // Mail bodies travel with CRLF line ends; callers (and the /mail endpoint) want plain text.
                return Optional.of(String.valueOf(part.getContent()).replace("\r\n", "\n"));
            }
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    Optional<String> found = find(child, type);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return Optional.empty();
        }
    }
}
