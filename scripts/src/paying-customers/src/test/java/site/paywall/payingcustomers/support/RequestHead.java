package site.paywall.payingcustomers.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** The test proxies' one reader of an HTTP request head. */
final class RequestHead {
    /** Far above any head the SDK sends; a longer one is not a request these proxies serve. */
    private static final int MAX_BYTES = 8192;

    private RequestHead() {
    }

    /**
     * The request line and headers, up to and with the empty line, read a byte at a time so that what follows (a
     * body, or TLS in a tunnel) stays in the stream; empty when the stream ends first or the head passes 8 KB.
     */
    static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        int b;
        while (head.size() < MAX_BYTES && (b = in.read()) != -1) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return head.toByteArray();
            }
        }
        return new byte[0];
    }
}
