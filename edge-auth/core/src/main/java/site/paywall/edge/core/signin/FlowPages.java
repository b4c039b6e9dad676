package site.paywall.edge.core.signin;

/**
 * The few pages the flow shows itself, in the site's look (its stylesheet, no script): a problem with a link to try
 * again — never an automatic redirect, so an error can never start a loop — and the sign-out confirmation, whose
 * button is a same-origin POST, so no cross-site link can sign anyone out.
 */
final class FlowPages {

    private FlowPages() { }

    static String problem(String title, String message, String retryHref, String retryLabel) {
        return page(title, "<p class=\"status-code\">Sign-in</p><h1>" + escape(title) + "</h1><p>" + escape(message)
                + "</p><div class=\"actions\"><a class=\"button\" href=\"" + escape(retryHref) + "\">"
                + escape(retryLabel) + "</a><a class=\"button secondary\" href=\"/\">Home</a></div>");
    }

    static String signOut(String action) {
        return page("Sign out", "<p class=\"status-code\">Sign-in</p><h1>Sign out?</h1><p>This signs you out here"
                + " and at the sign-in service.</p><form method=\"post\" action=\"" + escape(action) + "\">"
                + "<div class=\"actions\"><button class=\"button\" type=\"submit\">Sign out</button>"
                + "<a class=\"button secondary\" href=\"/\">Stay signed in</a></div></form>");
    }

    /**
     * After the sign-out POST: cookies are already cleared by this response; the page moves on to Cognito's /logout
     * by itself (meta refresh, with a link as fallback). Not a 302: a CSP with {@code form-action 'self'} — the
     * site's — makes Chromium refuse a cross-origin redirect after a form POST, and Cognito's own session would live
     * on. No CSP directive governs a meta refresh, so this works whatever the site's policy.
     */
    static String signedOut(String logoutUrl) {
        String href = escape(logoutUrl);
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0; url=" + href + "\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Signing out</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head>"
                + "<body><header class=\"site-header\"><a class=\"brand\" href=\"/\">Home</a></header><main>"
                + "<p class=\"status-code\">Sign-in</p><h1>Signed out here</h1><p>Ending your session at the sign-in"
                + " service…</p><div class=\"actions\"><a class=\"button\" href=\"" + href + "\">Continue</a></div>"
                + "</main></body></html>";
    }

    private static String page(String title, String main) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head>"
                + "<body><header class=\"site-header\"><a class=\"brand\" href=\"/\">Home</a></header><main>" + main
                + "</main></body></html>";
    }

    /** HTML text and attribute escaping (the return path may hold ' and &). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
