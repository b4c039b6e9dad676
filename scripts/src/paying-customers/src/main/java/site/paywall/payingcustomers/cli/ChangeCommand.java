package site.paywall.payingcustomers.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import site.paywall.payingcustomers.membership.Action;
import site.paywall.payingcustomers.membership.Batch;
import site.paywall.payingcustomers.membership.BatchResult;
import site.paywall.payingcustomers.membership.ChangeOptions;
import site.paywall.payingcustomers.membership.Effect;
import site.paywall.payingcustomers.membership.ImportLine;
import site.paywall.payingcustomers.membership.TokenLifetime;
import site.paywall.payingcustomers.membership.UserInput;
import site.paywall.payingcustomers.output.Json;

/** grant and revoke: the same walk over USER arguments, one action each. */
abstract class ChangeCommand extends ToolCommand {

    @Parameters(arity = "1..*", paramLabel = "USER", description = "Username or email of a user of the pool.")
    List<String> users;

    @Option(names = "--dry-run", description = "Show what would change and change nothing.")
    boolean dryRun;

    @Option(names = "--json-lines", description = "Print each user's result as one JSON line as it happens, then a"
            + " summary line.")
    boolean jsonLines;

    abstract Action action();

    /** Only revoke has --sign-out-anyway. */
    boolean signOutAnyway() {
        return false;
    }

    @Override
    void validate() {
        users = users.stream().map(UserInput::trim).toList();
        List<String> problems = new ArrayList<>();
        for (String user : users) {
            UserInput.problem(user).ifPresent(p -> problems.add("'" + user + "': " + p));
        }
        if (!problems.isEmpty()) {
            throw new UsageException("bad USER argument" + (problems.size() == 1 ? " " : "s ")
                    + String.join("; ", problems) + " (nothing was changed)");
        }
    }

    @Override
    ExitCode run(Session session) {
        long start = session.wiring.ticker().nanoTime();
        session.membership.checkPoolAndGroup();
        List<ImportLine> lines = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            lines.add(new ImportLine.Instruction(i + 1, action(), users.get(i)));
        }
        BatchReport.Format format = BatchReport.format(session.settings, jsonLines);
        BatchReport report = new BatchReport(session, format, false,
                new Progress(session.err, false, lines.size(), session.wiring.ticker()));
        Batch.Outcome outcome = Batch.run(session.membership, lines, new ChangeOptions(dryRun, signOutAnyway()),
                session.guard, session.wiring.interrupts()::requested, report::line, i -> Optional.empty());
        report.finish();
        List<BatchResult> results = outcome.results();
        Duration elapsed = Duration.ofNanos(session.wiring.ticker().nanoTime() - start);
        Optional<String> resume = outcome.stop().map(stop -> Resume.command(session.wiring.env(),
                spec.commandLine().getParent().getParseResult(), Optional.of(notDone(results, stop)),
                Optional.empty()));
        Optional<TokenLifetime> lifetime = Render.anySignOut(results) && !BatchReport.cutOff(outcome)
                ? Optional.of(session.membership.tokenLifetime()) : Optional.empty();
        ExitCode code = outcome.stop().map(s -> ExitCode.of(s.reason().kind())).orElseGet(() -> ExitCode.combine(
                results.stream().map(Render::failure).flatMap(Optional::stream).map(f -> ExitCode.of(f.kind()))
                        .toList()));
        if (format != BatchReport.Format.TEXT) {
            Map<String, Object> m = header(session);
            m.put("dryRun", dryRun);
            if (format == BatchReport.Format.JSON) {
                m.put("results", results.stream().map(r -> Render.json(r, false)).toList());
            }
            lifetime.ifPresent(l -> m.put("tokenLifetime", Render.tokenLifetimeJson(l)));
            outcome.stop().ifPresent(stop -> m.put("stopped",
                    BatchReport.stoppedJson(stop, results, resume.orElseThrow(), elapsed, false)));
            m.put("exitCode", code.code());
            session.out.println(Json.write(m));
            return code;
        }
        if (Render.anyEffect(results, Effect.ADDED)) {
            session.out.println(Render.GRANT_NOTE);
        }
        lifetime.ifPresent(l -> session.out.println(Render.tokenLifetimeText(l)));
        outcome.stop().ifPresent(stop -> report.printStop(stop, results, resume.orElseThrow(), elapsed));
        return code;
    }

    /** The users from the one that was in flight (when it did not finish) onwards. */
    private List<String> notDone(List<BatchResult> results, Batch.Stop stop) {
        return results.stream().filter(r -> r.line() >= stop.resumeLine())
                .map(r -> r instanceof BatchResult.Ran ran ? ran.instruction().user()
                        : ((BatchResult.NotAttempted) r).instruction().user())
                .toList();
    }
}
