package site.paywall.payingcustomers.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import site.paywall.payingcustomers.cli.PayingCustomersCommand;
import site.paywall.payingcustomers.cli.Wiring;
import site.paywall.testsupport.MotoServer;

/** Runs the tool in-process, exactly as Main does, with captured output. */
public final class Cli {
    private final Wiring wiring;
    private final List<String> common;

    private Cli(Wiring wiring, List<String> common) {
        this.wiring = wiring;
        this.common = common;
    }

    /** The real wiring (SDK, real clock, real sleeps) pointed at moto for one pool. */
    public static Cli against(MotoServer moto, String poolId) {
        return new Cli(Wiring.real(), List.of("--user-pool-id", poolId, "--endpoint-url", moto.endpoint()));
    }

    public static Cli with(Wiring wiring, String... common) {
        return new Cli(wiring, List.of(common));
    }

    public Cli withStdin(String text) {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new Cli(wiring.withStdin(in), common);
    }

    /** Runs {@code command args...} followed by the common options (pool id, endpoint). */
    public CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && !all.get(0).startsWith("-")) {
            all.addAll(common);
        }
        return raw(all.toArray(String[]::new));
    }

    /** Runs exactly these arguments. */
    public CliRun raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PayingCustomersCommand.run(wiring, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
