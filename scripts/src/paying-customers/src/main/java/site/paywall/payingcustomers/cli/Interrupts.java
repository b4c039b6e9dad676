package site.paywall.payingcustomers.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during a change command. The first one asks the run to stop after the call in flight and print its
 * summary; a second one exits at once (the call in flight then has an intent line and no outcome in the trail).
 */
public interface Interrupts {
    /** From now on Ctrl-C asks to stop instead of killing the JVM. */
    void arm(PrintWriter err);

    /** Ctrl-C gets back the handling it had before {@link #arm}. */
    default void disarm() {
    }

    boolean requested();

    Interrupts NONE = new Interrupts() {
        @Override
        public void arm(PrintWriter err) {
        }

        @Override
        public boolean requested() {
            return false;
        }
    };

    /** SIGINT through sun.misc.Signal, the only JDK hook that lets a program go on after Ctrl-C. */
    static Interrupts signals() {
        AtomicBoolean requested = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<sun.misc.SignalHandler> previous =
                new java.util.concurrent.atomic.AtomicReference<>();
        return new Interrupts() {
            @Override
            public void disarm() {
                sun.misc.SignalHandler before = previous.getAndSet(null);
                if (before != null) {
                    sun.misc.Signal.handle(new sun.misc.Signal("INT"), before);
                }
            }

            @Override
            public void arm(PrintWriter err) {
                try {
                    previous.set(sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                        if (requested.getAndSet(true)) {
                            err.println("paying-customers: Ctrl-C again: exiting now. The call in flight may or may not"
                                    + " have been applied; its intent line is in the audit log");
                            err.flush();
                            Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
                        }
                        err.println("paying-customers: Ctrl-C: stopping after the call in flight (Ctrl-C again to quit"
                                + " at once)");
                        err.flush();
                    }));
                } catch (IllegalArgumentException unsupported) {
                    // No SIGINT handling on this JVM (-Xrs): Ctrl-C keeps its default, immediate exit.
                }
            }

            @Override
            public boolean requested() {
                return requested.get();
            }
        };
    }
}
