package site.paywall.payingcustomers.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import site.paywall.payingcustomers.membership.Action;
import site.paywall.payingcustomers.membership.Batch;
import site.paywall.payingcustomers.membership.BatchResult;
import site.paywall.payingcustomers.membership.Effect;
import site.paywall.payingcustomers.membership.ImportFile;
import site.paywall.payingcustomers.membership.ImportLine;
import site.paywall.payingcustomers.membership.TokenLifetime;
import site.paywall.payingcustomers.output.Json;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Grant or revoke many users from a file (UTF-8; '-' reads stdin). Either one USER per line"
                + " (action from --action), or ACTION,USER lines, or CSV whose header names a user, username or email"
                + " column and optionally an action column (grant or revoke). Blank lines and lines starting with #"
                + " are skipped.",
                "A bad line is reported and the import goes on; the exit code is then 1. An error that would fail every"
                        + " line (unknown pool or group, credentials, access denied) stops the import, and the remaining"
                        + " lines are reported as not attempted."})
final class ImportCommand extends ToolCommand {

    @Parameters(paramLabel = "FILE", description = "The file to import, or - for stdin.")
    String file;

    @Option(names = "--dry-run", description = "Show what would change and change nothing.")
    boolean dryRun;

    @Option(names = "--action", paramLabel = "ACTION", defaultValue = "grant",
            description = "Action for lines that name no action: grant or revoke (default: ${DEFAULT-VALUE}).")
    String action;

    private ImportFile.Parsed parsed;
    private Action plainAction;

    @Override
    void validate() {
        plainAction = Action.parse(action).orElseThrow(
                () -> new UsageException("--action must be grant or revoke, not '" + action + "'"));
        parsed = ImportFile.parse(readLines(), plainAction);
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
        session.membership.checkPoolAndGroup();
        List<BatchResult> results = Batch.run(session.membership, parsed.lines(), dryRun);
        boolean anyRevoke = parsed.lines().stream()
                .anyMatch(l -> l instanceof ImportLine.Instruction i && i.action() == Action.REVOKE);
        Optional<TokenLifetime> lifetime = anyRevoke ? Optional.of(session.membership.tokenLifetime()) : Optional.empty();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String label : List.of("added", "already-member", "would-add", "removed", "not-member", "would-remove",
                "failed", "not-attempted")) {
            counts.put(label, 0);
        }
        results.forEach(r -> counts.merge(Render.outcome(r), 1, Integer::sum));
        List<BatchResult> failures = results.stream()
                .filter(r -> Render.outcome(r).equals("failed") || Render.outcome(r).equals("not-attempted")).toList();
        ExitCode code = exitCode(results, failures);

        if (session.settings.json()) {
            Map<String, Object> m = header(session);
            m.put("file", file);
            m.put("dryRun", dryRun);
            m.put("instructions", parsed.lines().size());
            m.put("skippedLines", parsed.skipped());
            m.put("summary", counts);
            m.put("lines", results.stream().map(r -> Render.json(r, true)).toList());
            lifetime.ifPresent(l -> m.put("tokenLifetime", Render.tokenLifetimeJson(l)));
            m.put("exitCode", code.code());
            session.out.println(Json.write(m));
            return code;
        }
        String group = session.settings.group();
        for (BatchResult r : results) {
            session.out.println("line " + r.line() + ": " + Render.text(r, group));
        }
        session.out.println();
        session.out.println((dryRun ? "Dry run of " : "Import of ") + file + ": " + parsed.lines().size()
                + " instruction" + (parsed.lines().size() == 1 ? "" : "s") + " (" + parsed.skipped()
                + " header, blank or comment lines skipped)");
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
            for (BatchResult r : failures) {
                session.err.println("  line " + r.line() + ": " + Render.text(r, group));
            }
        }
        return code;
    }

    /** 1 when lines failed; the stopping error's own code when the import was cut short. */
    private static ExitCode exitCode(List<BatchResult> results, List<BatchResult> failures) {
        Optional<ExitCode> stopped = results.stream().map(Render::failure).flatMap(Optional::stream)
                .filter(f -> f.kind().stopsBatch()).map(f -> ExitCode.of(f.kind())).findFirst();
        if (stopped.isPresent()) {
            return stopped.get();
        }
        return failures.isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
    }
}
