package site.paywall.payingcustomers.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import site.paywall.payingcustomers.membership.Action;
import site.paywall.payingcustomers.membership.Batch;
import site.paywall.payingcustomers.membership.BatchResult;
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

    abstract Action action();

    @Override
    void validate() {
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
        session.membership.checkPoolAndGroup();
        List<ImportLine> lines = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            lines.add(new ImportLine.Instruction(i + 1, action(), users.get(i)));
        }
        List<BatchResult> results = Batch.run(session.membership, lines, dryRun);
        Optional<TokenLifetime> lifetime = action() == Action.REVOKE
                ? Optional.of(session.membership.tokenLifetime()) : Optional.empty();
        ExitCode code = ExitCode.combine(results.stream()
                .map(Render::failure).flatMap(Optional::stream).map(f -> ExitCode.of(f.kind())).toList());
        if (session.settings.json()) {
            Map<String, Object> m = header(session);
            m.put("dryRun", dryRun);
            m.put("results", results.stream().map(r -> Render.json(r, false)).toList());
            lifetime.ifPresent(l -> m.put("tokenLifetime", Render.tokenLifetimeJson(l)));
            m.put("exitCode", code.code());
            session.out.println(Json.write(m));
        } else {
            for (BatchResult r : results) {
                (Render.failure(r).isPresent() ? session.err : session.out).println(Render.text(r, session.settings.group()));
            }
            if (Render.anyEffect(results, Effect.ADDED)) {
                session.out.println(Render.GRANT_NOTE);
            }
            lifetime.ifPresent(l -> session.out.println(Render.tokenLifetimeText(l)));
        }
        return code;
    }
}
