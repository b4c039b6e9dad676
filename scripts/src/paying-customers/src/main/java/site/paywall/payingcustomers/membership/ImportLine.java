package site.paywall.payingcustomers.membership;

/** One meaningful line of an import file: an instruction to carry out, or a line that cannot be one. */
public sealed interface ImportLine {
    int line();

    record Instruction(int line, Action action, String user) implements ImportLine {
    }

    record Malformed(int line, String text, String reason) implements ImportLine {
    }
}
