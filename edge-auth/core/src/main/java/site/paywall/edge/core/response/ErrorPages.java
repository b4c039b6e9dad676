package site.paywall.edge.core.response;

import java.util.Map;
import site.paywall.edge.core.Denial;

/** The HTML bodies of edge answers: the site's own pages when bundled, else a small built-in page. */
public final class ErrorPages {

    private final Map<Integer, String> custom;

    public ErrorPages(Map<Integer, String> custom) {
        this.custom = custom;
    }

    public String html(Denial denial) {
        String page = custom.get(denial.status());
        if (page != null) {
            return page;
        }
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + denial.status() + " " + denial.statusDescription() + "</title></head>"
                + "<body><h1>" + denial.statusDescription() + "</h1><p>" + denial.message() + "</p>"
                + "<p><a href=\"/\">Home</a></p></body></html>";
    }
}
