package site.paywall.payingcustomers.membership;

import site.paywall.payingcustomers.cognito.Failure;

/** What became of one instruction of a batch (the USER arguments of grant/revoke, or the lines of an import). */
public sealed interface BatchResult {
    int line();

    record Ran(ImportLine.Instruction instruction, Change change) implements BatchResult {
        public int line() {
            return instruction.line();
        }
    }

    record Rejected(ImportLine.Malformed malformed) implements BatchResult {
        public int line() {
            return malformed.line();
        }
    }

    /** Not tried, because an earlier failure ({@code stoppedBy}) would have failed it the same way. */
    record NotAttempted(ImportLine.Instruction instruction, Failure stoppedBy) implements BatchResult {
        public int line() {
            return instruction.line();
        }
    }
}
