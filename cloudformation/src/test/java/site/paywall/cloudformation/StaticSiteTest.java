package site.paywall.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * static-site/: the pages the issue asks for, plain HTML and CSS that fit the distribution's CSP (no inline script
 * or style, nothing from another origin; one same-origin script, the account page's), readable on a phone, links
 * that lead somewhere, and error pages the edge can inline (self-contained, public resources only, under 32 KB).
 */
class StaticSiteTest {
    /** Paths the edge handles itself (the sign-in flow); they are not files of the site. */
    private static final List<String> EDGE_PATHS =
            List.of("/_auth/signin", "/_auth/signout", "/_auth/me", "/_auth/refresh");

    private static final Pattern ATTRIBUTE_URL =
            Pattern.compile("\\b(href|src|action|srcset|poster|data)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)", Pattern.CASE_INSENSITIVE);

    private static Map<String, String> pages;

    @BeforeAll
    static void readPages() throws IOException {
        pages = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(Repo.staticSite())) {
            for (Path file : files.filter(path -> path.toString().endsWith(".html")).sorted().toList()) {
                pages.put(Repo.staticSite().relativize(file).toString(),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void theSiteHasALandingPageAPremiumAreaWithADownloadAnAccountAreaAndBothErrorPages() throws IOException {
        for (String required : List.of("index.html", "premium/index.html", "account/index.html", "errors/401.html",
                "errors/403.html", "assets/site.css", "premium/downloads/sample-report.pdf")) {
            assertTrue(Files.isRegularFile(Repo.staticSite().resolve(required)), "missing static-site/" + required);
        }
        byte[] pdf = Files.readAllBytes(Repo.staticSite().resolve("premium/downloads/sample-report.pdf"));
        assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"), "the sample download is a PDF");
    }

    @Test
    void theLandingPageExplainsWhatPayingCustomersGetAndLinksToSignIn() {
        String landing = pages.get("index.html");
        assertTrue(landing.contains("What paying customers get"), "landing page should explain the membership");
        assertTrue(landing.contains("href=\"/_auth/signin?return=%2Fpremium%2Findex.html\""),
                "landing page should link to sign in (and back to the premium area)");
        assertTrue(landing.contains("href=\"/premium/index.html\""), "landing page should link to the premium area");
    }

    @Test
    void everyPageIsReadableOnAPhone() {
        pages.forEach((page, html) -> {
            assertTrue(html.startsWith("<!DOCTYPE html>"), page + ": doctype");
            assertTrue(html.contains("<html lang=\""), page + ": language");
            assertTrue(html.contains("<meta charset=\"utf-8\">"), page + ": charset");
            assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
                    page + ": viewport");
            assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/assets/site.css\">"),
                    page + ": the site stylesheet");
        });
    }

    @Test
    void noPageUsesInlineScriptsInlineStylesOrEventHandlersWhichTheCspWouldBlock() {
        // A script only from the site's own /assets/ (script-src 'self'), never inline; a form only to the
        // sign-out endpoint (form-action 'self'); no inline style, handler, javascript: URL or embedded frame.
        Pattern allowedScript = Pattern.compile("<script src=\"/assets/[a-z-]+\\.js\" defer></script>");
        Pattern allowedForm = Pattern.compile("<form method=\"post\" action=\"/_auth/signout\">");
        Pattern forbidden = Pattern.compile(
                "(?i)<script|<style|\\sstyle\\s*=|\\son[a-z]+\\s*=|javascript:|<iframe|<object|<embed|<form");
        pages.forEach((page, html) -> {
            String rest = allowedForm.matcher(allowedScript.matcher(html).replaceAll("")).replaceAll("");
            Matcher found = forbidden.matcher(rest);
            if (found.find()) {
                fail(page + " contains '" + found.group() + "', which the CSP blocks");
            }
        });
    }

    @Test
    void everyResourceAndLinkStaysOnTheSiteAndLeadsToAFile() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>(pages);
        sources.put("assets/site.css", Files.readString(Repo.staticSite().resolve("assets/site.css")));
        sources.put("assets/favicon.svg", Files.readString(Repo.staticSite().resolve("assets/favicon.svg")));
        sources.forEach((file, text) -> {
            List<String> urls = new ArrayList<>();
            Matcher attribute = ATTRIBUTE_URL.matcher(text);
            while (attribute.find()) {
                urls.add(attribute.group(2));
            }
            Matcher css = CSS_URL.matcher(text);
            while (css.find()) {
                urls.add(css.group(1));
            }
            for (String url : urls) {
                if (file.endsWith(".svg") && url.equals("http://www.w3.org/2000/svg")) {
                    continue; // the SVG namespace, not a request
                }
                if (url.contains("//") || url.contains(":")) {
                    problems.add(file + ": " + url + " leaves the site (the CSP allows 'self' only)");
                } else if (!url.startsWith("/")) {
                    problems.add(file + ": " + url
                            + " is relative; use absolute paths (error pages are served at any URL)");
                } else if (!EDGE_PATHS.contains(url.replaceAll("[?#].*$", "")) && !Files.isRegularFile(resolve(url))) {
                    problems.add(file + ": " + url + " leads to no file of the site");
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void errorPagesAreSmallEnoughToInlineAndUseOnlyPublicResources() throws IOException {
        for (String page : List.of("errors/401.html", "errors/403.html")) {
            long size = Files.size(Repo.staticSite().resolve(page));
            assertTrue(size < 32 * 1024, page + " is " + size
                    + " bytes; the edge inlines it and a generated response must stay under 40 KB");
            Matcher resource = Pattern.compile("<(?:link|img)\\b[^>]*(?:href|src)=\"([^\"]+)\"")
                    .matcher(pages.get(page));
            while (resource.find()) {
                assertTrue(resource.group(1).startsWith("/assets/"), page + " loads " + resource.group(1)
                        + "; an error page may load only public resources (/assets/), or it would itself be refused");
            }
        }
        assertTrue(pages.get("errors/401.html").contains("href=\"/_auth/signin\""), "the 401 page offers to sign in");
        assertTrue(pages.get("errors/403.html").contains("<form method=\"post\" action=\"/_auth/signout\">")
                && pages.get("errors/403.html").contains("Sign in as someone else"),
                "the 403 page offers to sign in as someone else (a same-origin POST: a link could be forged)");
        assertTrue(pages.get("errors/403.html").contains("href=\"/_auth/refresh?return=%2Fpremium%2Findex.html\""),
                "the 403 page offers to check the membership again now (a refresh carries a new grant)");
    }

    @Test
    void theCspOfTheDistributionAllowsWhatThePagesUse() throws IOException {
        String site = Files.readString(Repo.template("site.yaml"));
        Matcher csp = Pattern.compile("ContentSecurityPolicy: >-\\s*\\n((?:\\s{14}.*\\n)+)").matcher(site);
        assertTrue(csp.find(), "site.yaml has a folded ContentSecurityPolicy");
        Map<String, String> directives = new LinkedHashMap<>();
        for (String directive : csp.group(1).replaceAll("\\s+", " ").trim().split(";")) {
            String[] parts = directive.trim().split(" ", 2);
            directives.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        assertEquals("'none'", directives.get("default-src"), "anything not listed is refused");
        boolean usesImages = pages.values().stream()
                .anyMatch(html -> html.contains("<img ") || html.contains("rel=\"icon\""));
        assertTrue(directives.get("style-src").contains("'self'"), "the stylesheet is same-origin");
        if (usesImages) {
            assertTrue(directives.get("img-src").contains("'self'"), "images and the icon are same-origin");
        }
        assertEquals("'none'", directives.get("frame-ancestors"));
        boolean usesScripts = pages.values().stream().anyMatch(html -> html.contains("<script src=\"/assets/"));
        if (usesScripts) {
            assertEquals("'self'", directives.get("script-src"),
                    "the account page's script is same-origin, never inline");
            assertEquals("'self'", directives.get("connect-src"), "it asks the edge's /_auth/me, same-origin");
        }
    }

    private static Path resolve(String url) {
        String path = url.replaceAll("[?#].*$", "");
        Path file = Repo.staticSite().resolve(path.substring(1));
        return path.endsWith("/") ? file.resolve("index.html") : file;
    }
}
