package site.paywall.payingcustomers.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import site.paywall.payingcustomers.membership.Action;
import site.paywall.payingcustomers.membership.AuditSource;
import site.paywall.payingcustomers.membership.Batch;
import site.paywall.payingcustomers.membership.BatchResult;
import site.paywall.payingcustomers.membership.ChangeOptions;
import site.paywall.payingcustomers.membership.Effect;
import site.paywall.payingcustomers.membership.ImportFile;
import site.paywall.payingcustomers.membership.ImportLine;
import site.paywall.payingcustomers.membership.TokenLifetime;
import site.paywall.payingcustomers.output.Json;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Grant or revoke many users from a file (UTF-8; '-' reads stdin). Either one USER per line"
                        + " (action from --action), or ACTION,USER lines, or CSV whose header names a user, username"
                        + " or email column and optionally an action column (grant or revoke). Blank lines and lines"
                        + " starting with # are skipped.",
                "A file naming one user with both actions is refused (the lines are listed), as is a first line that"
                        + " looks like a header but names no user column; nothing is changed.",
                "A bad line is reported and the import goes on; the exit code is then 1. An error that would fail every"
                        + " line (unknown pool or group, credentials, access denied), an outage (3 unavailable answers"
                        + " in a row) or Ctrl-C stops the import: the remaining lines are reported as not attempted,"
                        + " with the command that resumes at the right line (--from-line)."})
final class ImportCommand extends ToolCommand {

    @Parameters(paramLabel = "FILE", description = "The file to import, or - for stdin.")
    String file;

    @Option(names = "--dry-run", description = "Show what would change, simulating the file line by line in order,"
            + " and change nothing.")
    boolean dryRun;

    @Option(names = "--action", paramLabel = "ACTION", defaultValue = "grant",
            description = "Action for lines that name no action: grant or revoke (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--from-line", paramLabel = "N",
            description = "Start at line N of the file (lines before it are skipped): resumes a stopped import.")
    Integer fromLine;

    @Option(names = "--sign-out-anyway", description = "Revoke lines also sign out users who are not members.")
    boolean signOutAnyway;

    @Option(names = "--json-lines", description = "Print each line's result as one JSON line as it happens, then a"
            + " summary line.")
    boolean jsonLines;

    @Option(names = "--progress", negatable = true, description = "Show a progress line on stderr (default: only when"
            + " stderr is a terminal).")
    Boolean progress;

    private ImportFile.Parsed parsed;
    private List<ImportLine> lines;
    private int beforeFromLine;

    @Override
    void validate() {
        Action plainAction = Action.parse(action).orElseThrow(
                () -> new UsageException("--action must be grant or revoke, not '" + action + "'"));
        if (fromLine != null && fromLine < 1) {
            throw new UsageException("--from-line must be 1 or more, not " + fromLine);
        }
        parsed = ImportFile.parse(readLines(), plainAction);
        if (parsed.unknownHeader().isPresent()) {
            throw new UsageException(file + ": line 1 '" + parsed.unknownHeader().get() + "' looks like a CSV header,"
                    + " but it names no user column. Expected: " + ImportFile.EXPECTED_HEADER
                    + ". Nothing was changed");
        }
        if (!parsed.conflicts().isEmpty()) {
            throw new UsageException(file + " names " + (parsed.conflicts().size() == 1 ? "a user" : "users")
                    + " with both grant and revoke, so every run would undo itself: "
                    + String.join("; ", parsed.conflicts()) + ". Keep one line per user. Nothing was changed");
        }
        int from = fromLine == null ? 1 : fromLine;
        lines = parsed.lines().stream().filter(l -> l.line() >= from).toList();
        beforeFromLine = parsed.lines().size() - lines.size();
    }

    private List<String> readLines() {
        byte[] bytes;
        try {
            bytes = "-".equals(file) ? root.wiring().stdin().readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read " + file + ": " + e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.lines().toList();
        } catch (CharacterCodingException e) {
            throw new UsageException(file + " is not UTF-8 text (" + e.getMessage() + "); nothing was changed");
        }
    }

    @Override
    ExitCode run(Session session) {
        long start = session.wiring.ticker().nanoTime();
        for (String duplicate : parsed.duplicates()) {
            session.err.println("paying-customers import: warning: " + duplicate + " (the same action more than once:"
                    + " the later lines change nothing)");
        }
        if (lines.isEmpty()) {
            session.err.println("paying-customers import: warning: " + file + " has no instructions"
                    + (fromLine != null && beforeFromLine > 0 ? " from line " + fromLine : "") + " ("
                    + parsed.skipped() + " blank, comment or header lines); nothing to do");
        }
        session.membership.checkPoolAndGroup();
        BatchReport.Format format = BatchReport.format(session.settings, jsonLines);
        boolean showProgress = progress != null ? progress : session.wiring.stderrIsTerminal().getAsBoolean();
        int instructions = lines.size();
        Progress progressLine = new Progress(session.err, showProgress, lines.size(), session.wiring.ticker());
        session.beforeStderrLine(progressLine::clear);
        BatchReport report = new BatchReport(session, format, true, progressLine);
        String source = "-".equals(file) ? "stdin" : file;
        Batch.Outcome outcome = Batch.run(session.membership, lines, new ChangeOptions(dryRun, signOutAnyway),
                session.guard, session.wiring.interrupts()::requested, report::line,
                i -> Optional.of(new AuditSource(source, i.line())));
        report.finish();
        List<BatchResult> results = outcome.results();
        Duration elapsed = Duration.ofNanos(session.wiring.ticker().nanoTime() - start);
        Optional<String> resume = outcome.stop().map(stop -> Resume.command(session.wiring.env(),
                spec.commandLine().getParent().getParseResult(), Optional.empty(), Optional.of(stop.resumeLine())));
        Optional<TokenLifetime> lifetime = Render.anySignOut(results) && !BatchReport.cutOff(outcome)
                ? Optional.of(session.membership.tokenLifetime()) : Optional.empty();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String label : List.of("added", "already-member", "would-add", "removed", "not-member", "signed-out",
                "would-remove", "would-sign-out", "failed", "unknown", "not-attempted")) {
            counts.put(label, 0);
        }
        results.forEach(r -> counts.merge(Render.outcome(r), 1, Integer::sum));
        List<BatchResult> failures = results.stream().filter(r -> List.of("failed", "unknown", "not-attempted")
                .contains(Render.outcome(r))).toList();
        ExitCode code = outcome.stop().map(s -> ExitCode.of(s.reason().kind()))
                .orElse(failures.isEmpty() ? ExitCode.OK : ExitCode.PARTIAL);

        if (format != BatchReport.Format.TEXT) {
            Map<String, Object> m = header(session);
            m.put("file", file);
            m.put("dryRun", dryRun);
            m.put("instructions", instructions);
            m.put("skippedLines", parsed.skipped());
            if (fromLine != null) {
                m.put("fromLine", fromLine);
                m.put("beforeFromLine", beforeFromLine);
            }
            m.put("summary", counts);
            if (format == BatchReport.Format.JSON) {
                m.put("lines", results.stream().map(r -> Render.json(r, true)).toList());
            }
            lifetime.ifPresent(l -> m.put("tokenLifetime", Render.tokenLifetimeJson(l)));
            outcome.stop().ifPresent(stop -> m.put("stopped",
                    BatchReport.stoppedJson(stop, results, resume.orElseThrow(), elapsed, true)));
            m.put("exitCode", code.code());
            session.out.println(Json.write(m));
            return code;
        }
        String group = session.settings.group();
        session.out.println();
        session.out.println((dryRun ? "Dry run of " : "Import of ") + file + ": " + instructions
                + " instruction" + (instructions == 1 ? "" : "s") + " (" + parsed.skipped()
                + " header, blank or comment lines skipped"
                + (fromLine != null ? "; " + beforeFromLine + " lines before --from-line " + fromLine : "") + ")");
        StringBuilder summary = new StringBuilder("  ");
        counts.forEach((label, n) -> {
            if (n > 0 || label.equals("failed")) {
                summary.append(summary.length() > 2 ? ", " : "").append(label).append(": ").append(n);
            }
        });
        session.out.println(summary);
        if (Render.anyEffect(results, Effect.ADDED)) {
            session.out.println(Render.GRANT_NOTE);
        }
        lifetime.ifPresent(l -> session.out.println(Render.tokenLifetimeText(l)));
        if (!failures.isEmpty()) {
            session.err.println("Failed lines (" + failures.size() + "):");
            List<BatchResult> skipped = failures.stream().filter(r -> r instanceof BatchResult.NotAttempted).toList();
            boolean listSkipped = skipped.size() <= 10;
            for (BatchResult r : failures) {
                if (listSkipped || !(r instanceof BatchResult.NotAttempted)) {
                    session.err.println("  line " + r.line() + ": " + Render.text(r, group));
                }
            }
            if (!listSkipped) {
                session.err.println("  lines " + skipped.get(0).line() + "-" + skipped.get(skipped.size() - 1).line()
                        + ": NOT ATTEMPTED (" + skipped.size() + " lines, "
                        + Render.stoppedBy(((BatchResult.NotAttempted) skipped.get(0)).stoppedBy()) + ")");
            }
        }
        outcome.stop().ifPresent(stop -> report.printStop(stop, results, resume.orElseThrow(), elapsed));
        return code;
    }
}
