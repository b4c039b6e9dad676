package site.paywall.edge.core.request;

/** Host names as the Host header and the hosted-UI domain carry them: {@code host[:port]}. */
public final class HostNames {

    private HostNames() { }

    /** localhost, 127.0.0.1 or [::1], with or without a port: the only hosts plain http is allowed for. */
    public static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
                : hostAndPort.indexOf(':') >= 0 ? hostAndPort.substring(0, hostAndPort.indexOf(':')) : hostAndPort;
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** A DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
    public static boolean isHostAndPort(String text) {
        if (text.isEmpty() || text.length() > 255) {
            return false;
        }
        int colon = text.startsWith("[") ? text.indexOf("]:") + 1 : text.indexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : text;
        if (colon > 0) {
            String port = text.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5) {
                return false;
            }
            for (int i = 0; i < port.length(); i++) {
                if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                    return false;
                }
            }
        }
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                return false;
            }
            for (int i = 1; i < host.length() - 1; i++) {
                char c = host.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
                        || c == '.')) {
                    return false;
                }
            }
            return true;
        }
        if (host.isEmpty() || host.startsWith(".") || host.startsWith("-") || host.endsWith(".")
                || host.contains("..")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case: String.toLowerCase would load TeaVM's Unicode case tables at the edge (milliseconds). */
    public static String asciiLowerCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }
}
