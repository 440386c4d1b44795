package com.plexichat.platform.test;

import com.plexichat.devstack.ReceivedMail;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Reads a GreenMail mailbox over IMAP (the SMTP container, or the local stack's mail server in
 * another process). With authentication disabled GreenMail lets anyone log in as an address.
 */
public final class ImapMailbox {

    private ImapMailbox() {}

    public static List<ReceivedMail> read(String host, int port, String address) {
        Properties props = new Properties();
        props.put("mail.imap.host", host);
        props.put("mail.imap.port", String.valueOf(port));
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "10000");
        try {
            Store store = Session.getInstance(props).getStore("imap");
            store.connect(address, address);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<ReceivedMail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(new ReceivedMail(
                            ((InternetAddress) message.getFrom()[0]).getAddress(),
                            Arrays.stream(message.getAllRecipients())
                                    .map(a -> ((InternetAddress) a).getAddress())
                                    .toList(),
                            message.getSubject(),
                            String.valueOf(message.getContent()),
                            message.getReceivedDate() == null
                                    ? null
                                    : message.getReceivedDate().toInstant()));
                }
                return mails;
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read mailbox of " + address, e);
        }
    }
}
