package site.paywall.payingcustomers.output;

import java.io.PrintWriter;

/**
 * {@code --debug}: what the tool resolved and every call it made, on stderr, each line starting with "debug: ".
 * Never a credential, token or request body: operations, hosts, status codes, request ids, timings and errors.
 */
public interface Debug {
    boolean on();

    void log(String message);

    Debug OFF = new Debug() {
        @Override
        public boolean on() {
            return false;
        }

        @Override
        public void log(String message) {
        }
    };

    static Debug to(PrintWriter err) {
        return new Debug() {
            @Override
            public boolean on() {
                return true;
            }

            @Override
            public synchronized void log(String message) {
                err.println("debug: " + message);
                err.flush();
            }
        };
    }
}
