package site.paywall.payingcustomers.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.RetryPolicy;
import site.paywall.payingcustomers.cognito.RetryingCognitoPort;
import site.paywall.payingcustomers.membership.AuditLog;
import site.paywall.payingcustomers.membership.GroupMembership;

/** One run of a command: the settings, the writers, the audit log and the membership service. */
final class Session implements AutoCloseable {
    final Settings settings;
    final PrintWriter out;
    final PrintWriter err;
    final GroupMembership membership;
    private final CognitoPort port;
    private final Optional<PrintWriter> auditFile;

    private Session(Settings settings, PrintWriter out, PrintWriter err, GroupMembership membership,
                    CognitoPort port, Optional<PrintWriter> auditFile) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.membership = membership;
        this.port = port;
        this.auditFile = auditFile;
    }

    /** Opens the audit log first: no change may happen that cannot be audited. */
    static Session open(Settings settings, Wiring wiring, PrintWriter out, PrintWriter err) {
        Optional<PrintWriter> auditFile = settings.auditLog().map(path -> {
            try {
                return new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
            } catch (IOException | RuntimeException e) {
                throw new UsageException("cannot open audit log " + path + ": " + e);
            }
        });
        try {
            CognitoPort port = wiring.ports().open(settings.connection(), settings.poolId());
            CognitoPort retrying = new RetryingCognitoPort(port, RetryPolicy.standard(settings.maxAttempts()),
                    wiring.sleeper(), wiring.random());
            AuditLog audit = new AuditLog(auditFile.orElse(err), err, wiring.clock(),
                    System.getProperty("user.name", "unknown"));
            return new Session(settings, out, err,
                    new GroupMembership(retrying, settings.poolId(), settings.group(), audit), port, auditFile);
        } catch (RuntimeException e) {
            auditFile.ifPresent(PrintWriter::close);
            throw e;
        }
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
        auditFile.ifPresent(PrintWriter::close);
        if (port instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Closing the HTTP client cannot undo or lose anything that was done.
            }
        }
    }
}
