package com.plexichat.auth.mail;

import com.plexichat.platform.api.ApiException;
import com.plexichat.platform.api.ErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The mails auth-service sends: plain text, a link for browsers and the bare token or code for apps
 * (clients post it to the API themselves).
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JavaMailSender sender;
    private final String from;
    private final String publicUrl;

    Mailer(
            JavaMailSender sender,
            @Value("${plexichat.auth.mail-from:PlexiChat <no-reply@plexichat.local>}") String from,
            @Value("${plexichat.auth.public-url:http://127.0.0.1:8080}") String publicUrl) {
        this.sender = sender;
        this.from = from;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    public void verifyEmail(String to, String username, String token, Duration validFor) {
        send(
                to,
                "Verify your PlexiChat email address",
                "Hello " + username + ",\n\n"
                        + "confirm this address by opening\n"
                        + publicUrl + "/verify-email?token=" + encode(token) + "\n\n"
                        + "or by entering this code in your app:\n" + token + "\n\n"
                        + "It is valid for " + validFor.toHours()
                        + " hours. If you did not sign up, ignore this mail.\n");
    }

    public void resetPassword(String to, String username, String token, Duration validFor) {
        send(
                to,
                "Reset your PlexiChat password",
                "Hello " + username + ",\n\n"
                        + "someone (hopefully you) asked to reset your password. Choose a new one at\n"
                        + publicUrl + "/reset-password?token=" + encode(token) + "\n\n"
                        + "or with this code in your app:\n" + token + "\n\n"
                        + "It works once, within " + validFor.toMinutes() + " minutes. "
                        + "If you did not ask for it, ignore this mail: your password stays as it is.\n");
    }

    /** To the current address, when someone with the password asks to move the account to another. */
    public void emailChangeRequested(String to, String username, String newEmail) {
        send(
                to,
                "Your PlexiChat email address is about to change",
                "Hello " + username + ",\n\n"
                        + "someone signed in to your account asked to move it to " + newEmail + ".\n"
                        + "It moves once that address is verified; until then mail keeps coming here.\n\n"
                        + "If this was not you, change your password now and turn on two-factor authentication.\n");
    }

    /** To the previous address, once the account moved to the new, verified one. */
    public void emailChanged(String to, String username, String newEmail) {
        send(
                to,
                "Your PlexiChat email address was changed",
                "Hello " + username + ",\n\n"
                        + "your account's email address is now " + newEmail + "; this address gets no more mail"
                        + " from PlexiChat.\n\n"
                        + "If this was not you, reset your password and contact your administrator.\n");
    }

    public void loginCode(String to, String username, String code, Duration validFor) {
        send(
                to,
                "Your PlexiChat sign-in code",
                "Hello " + username + ",\n\n"
                        + "your sign-in code is " + code + "\n\n"
                        + "It is valid for " + validFor.toMinutes() + " minutes. "
                        + "If you are not signing in, change your password.\n");
    }

    /** An address as answers may show it to whoever holds the password: {@code a***@example.org}. */
    public static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 1 ? "***" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
    }

    private void send(String to, String subject, String text) {
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to);
        mail.setSubject(subject);
        mail.setText(text);
        try {
            sender.send(mail);
        } catch (MailException e) {
            log.warn("Mail '{}' not sent: {}", subject, e.getMessage());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Mail could not be sent; try again shortly");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
