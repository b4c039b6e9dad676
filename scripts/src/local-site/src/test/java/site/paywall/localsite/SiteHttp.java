package site.paywall.localsite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway answers, seen from plain HTTP (Selenium does not expose response headers), and the CSP the
 * site template declares, read from cloudformation/templates/site.yaml independently of the gateway's own reading.
 */
final class SiteHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    static HttpResponse<byte[]> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The response headers policy's Content-Security-Policy: the value under {@code ContentSecurityPolicy:} given
     * as a folded block ({@code >-}, lines joined by one space) or a plain/quoted scalar.
     */
    static String templateContentSecurityPolicy(Path siteTemplate) {
        List<String> lines;
        try {
            lines = Files.readAllLines(siteTemplate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern key = Pattern.compile("^(\\s*)ContentSecurityPolicy:\\s*(.*)$");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = key.matcher(lines.get(i));
            if (!m.matches() || m.group(2).isEmpty()) {
                continue; // the outer mapping key, or another line
            }
            String rest = m.group(2).trim();
            if (!rest.equals(">-") && !rest.equals(">")) {
                return rest.replaceAll("^[\"']|[\"']$", "");
            }
            int indent = m.group(1).length();
            List<String> parts = new ArrayList<>();
            for (int j = i + 1; j < lines.size(); j++) {
                String line = lines.get(j);
                int lineIndent = line.length() - line.stripLeading().length();
                if (line.isBlank() || lineIndent <= indent) {
                    break;
                }
                parts.add(line.strip());
            }
            return String.join(" ", parts);
        }
        throw new IllegalStateException("no ContentSecurityPolicy value in " + siteTemplate);
    }

    private SiteHttp() {
    }
}
