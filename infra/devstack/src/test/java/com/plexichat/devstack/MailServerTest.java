package com.plexichat.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailServerTest {

    @Test
    void foldsPerRecipientCopiesIntoOneMailAndPurges() throws Exception {
        try (var mail = new MailServer(0, 0)) {
            mail.start();
            var properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
            var message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress("noreply@plexichat.local"));
            message.setRecipients(Message.RecipientType.TO, "alice@example.com, bob@example.com");
            message.setRecipients(Message.RecipientType.BCC, "carol@example.com");
            message.setSubject("Verify your address");
            message.setText("Hello,\r\nplease verify.");
            Transport.send(message);

            assertThat(mail.messages()).singleElement().satisfies(received -> {
                assertThat(received.from()).isEqualTo("noreply@plexichat.local");
                assertThat(received.to())
                        .containsExactlyInAnyOrder("alice@example.com", "bob@example.com", "carol@example.com");
                assertThat(received.subject()).isEqualTo("Verify your address");
                assertThat(received.text()).isEqualTo("Hello,\nplease verify.");
                assertThat(received.receivedAt()).isNotNull();
            });

            mail.purge();
            assertThat(mail.messages()).isEmpty();
        }
    }
}
