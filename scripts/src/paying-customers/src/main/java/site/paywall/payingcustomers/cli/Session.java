package site.paywall.payingcustomers.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import site.paywall.payingcustomers.cognito.CognitoFailure;
import site.paywall.payingcustomers.cognito.CognitoPort;
import site.paywall.payingcustomers.cognito.OutageGuard;
import site.paywall.payingcustomers.cognito.RetryPolicy;
import site.paywall.payingcustomers.cognito.RetryingCognitoPort;
import site.paywall.payingcustomers.membership.AuditContext;
import site.paywall.payingcustomers.membership.AuditLog;
import site.paywall.payingcustomers.membership.AuditSink;
import site.paywall.payingcustomers.membership.GroupMembership;
import site.paywall.payingcustomers.output.Debug;

/** One run of a command: the settings, the writers, the audit log, the outage guard and the membership service. */
final class Session implements AutoCloseable {
    final Settings settings;
    final Wiring wiring;
    final PrintWriter out;
    final PrintWriter err;
    final Debug debug;
    final OutageGuard guard;
    final GroupMembership membership;
    private final CognitoPort port;
    private final AuditSink auditSink;
    private final AtomicReference<Runnable> beforeStderrLine;

    private Session(Settings settings, Wiring wiring, PrintWriter out, PrintWriter err, Debug debug, OutageGuard guard,
                    GroupMembership membership, CognitoPort port, AuditSink auditSink,
                    AtomicReference<Runnable> beforeStderrLine) {
        this.settings = settings;
        this.wiring = wiring;
        this.out = out;
        this.err = err;
        this.debug = debug;
        this.guard = guard;
        this.membership = membership;
        this.port = port;
        this.auditSink = auditSink;
        this.beforeStderrLine = beforeStderrLine;
    }

    /** Runs before each audit line written to stderr: the progress line clears itself there. */
    void beforeStderrLine(Runnable hook) {
        beforeStderrLine.set(hook);
    }

    /**
     * Opens the audit log first: no change may happen that cannot be audited. A change command also arms Ctrl-C,
     * which from then on stops the run after the call in flight.
     */
    static Session open(Settings settings, Wiring wiring, PrintWriter out, PrintWriter err, Debug debug,
                        boolean changes) {
        AuditSink auditSink;
        AtomicReference<Runnable> beforeStderrLine = new AtomicReference<>(() -> { });
        if (settings.auditLog().isPresent()) {
            try {
                auditSink = AuditSink.file(settings.auditLog().get());
            } catch (IOException | RuntimeException e) {
                throw new UsageException("cannot open audit log " + settings.auditLog().get() + ": " + e);
            }
        } else {
            auditSink = AuditSink.stream(err, () -> beforeStderrLine.get().run());
        }
        try {
            CognitoPort port = wiring.ports().open(settings.connection().withDebug(debug), settings.poolId());
            OutageGuard guard = new OutageGuard();
            CognitoPort retrying = new RetryingCognitoPort(port, RetryPolicy.standard(settings.maxAttempts()),
                    wiring.sleeper(), wiring.random(), guard, wiring.ticker(), debug);
            AuditContext context = new AuditContext(() -> principal(port, debug), settings.connection().profile(),
                    wiring.host().get(), System.getProperty("user.name", "unknown"));
            AuditLog audit = new AuditLog(auditSink, err, wiring.clock(), settings.poolId(), settings.group(), context,
                    runId(wiring));
            if (changes) {
                wiring.interrupts().arm(err);
            }
            return new Session(settings, wiring, out, err, debug, guard,
                    new GroupMembership(retrying, settings.poolId(), settings.group(), audit), port, auditSink,
                    beforeStderrLine);
        } catch (RuntimeException e) {
            auditSink.close();
            throw e;
        }
    }

    /** sts:GetCallerIdentity, once, at the first change; a failure is recorded, it does not hold the change up. */
    private static String principal(CognitoPort port, Debug debug) {
        try {
            return port.callerArn().orElse("unknown (no STS client)");
        } catch (CognitoFailure e) {
            debug.log("sts:GetCallerIdentity failed: " + e.getMessage());
            return "unknown (sts:GetCallerIdentity failed: " + e.kind().label() + ")";
        }
    }

    /** Random per run, so that ids of several runs appending to one file never collide. */
    private static String runId(Wiring wiring) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (wiring.random().getAsDouble() * 256);
        }
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        wiring.interrupts().disarm();
        out.flush();
        err.flush();
        auditSink.close();
        if (port instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Closing the HTTP client cannot undo or lose anything that was done.
            }
        }
    }
}
