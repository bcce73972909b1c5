package io.cobrowsebridge.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * GreenMail on fixed-for-the-run loopback ports, which a test can stop and start again (SMTP outage) while the
 * application keeps the same SMTP address. Mail is received over SMTPS (TLS from the first byte, GreenMail's own
 * self-signed certificate), so the suite also proves that encrypted SMTP is a matter of configuration.
 */
public final class MailServer {

    private final int smtpPort;
    private final int imapPort;
    private GreenMail greenMail;

    private MailServer(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    public static MailServer start() {
        MailServer server = new MailServer(freePort(), freePort());
        server.startAgain();
        return server;
    }

    public synchronized void startAgain() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
    }

    public synchronized void stop() {
        greenMail.stop();
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every message received since the last start, to any recipient. */
    public synchronized List<MimeMessage> received() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    public synchronized GreenMail greenMail() {
        return greenMail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
