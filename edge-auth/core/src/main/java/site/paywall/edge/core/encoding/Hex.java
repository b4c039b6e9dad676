package site.paywall.edge.core.encoding;

/** Hexadecimal digits as percent-encoding writes them (RFC 3986 §2.1: either case). */
public final class Hex {

    private Hex() { }

    /** The digit's value 0–15, or -1 when {@code c} is not a hexadecimal digit. */
    public static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
