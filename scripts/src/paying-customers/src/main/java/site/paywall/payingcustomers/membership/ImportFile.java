package site.paywall.payingcustomers.membership;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads an import file. Two shapes:
 * <ul>
 *   <li>plain: one USER per line (the action is {@code --action}, grant by default), or {@code ACTION,USER};</li>
 *   <li>CSV whose first line is a header naming a {@code user}, {@code username} or {@code email} column and,
 *       optionally, an {@code action} column (else {@code --action} applies); other columns are ignored.</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are skipped. A line that is not understood becomes
 * {@link ImportLine.Malformed} and the rest of the file is still read.
 *
 * <p>Besides the lines, the parse reports what makes a whole file untrustworthy: a first line that looks like a
 * header the tool does not know, and users named by several lines with opposite actions (each re-run would grant
 * and then revoke them). Users named twice with the same action are only worth a warning.
 */
public final class ImportFile {

    /**
     * @param unknownHeader the first line, when it looks like a CSV header but names no user column
     * @param conflicts     one message per user named with both actions, with the line numbers
     * @param duplicates    one message per user named more than once with the same action
     */
    public record Parsed(List<ImportLine> lines, int skipped, boolean header, Optional<String> unknownHeader,
                         List<String> conflicts, List<String> duplicates) {
    }

    /** The header this tool understands, for messages. */
    public static final String EXPECTED_HEADER = "a CSV header names a user, username or email column and, optionally,"
            + " an action column (grant or revoke), in any order, e.g. 'email,action' or 'action,username,note';"
            + " without a header each line is USER or ACTION,USER";

    private ImportFile() {
    }

    public static Parsed parse(List<String> rawLines, Action plainAction) {
        List<ImportLine> lines = new ArrayList<>();
        int skipped = 0;
        boolean header = false;
        int actionColumn = -1;
        int userColumn = -1;
        int columns = 0;
        boolean first = true;
        Optional<String> unknownHeader = Optional.empty();
        for (int i = 0; i < rawLines.size(); i++) {
            int number = i + 1;
            String raw = i == 0 && rawLines.get(0).startsWith("\uFEFF") ? rawLines.get(0).substring(1)
                    : rawLines.get(i);
            String text = UserInput.trim(raw);
            if (text.isEmpty() || text.startsWith("#")) {
                skipped++;
                continue;
            }
            Optional<List<String>> fields = splitCsv(text);
            if (first) {
                first = false;
                List<String> names = fields.orElse(List.of()).stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
                int user = firstIndex(names, "user", "username", "email");
                if (user >= 0) {
                    header = true;
                    actionColumn = names.indexOf("action");
                    userColumn = user;
                    columns = names.size();
                    skipped++;
                    continue;
                }
                if (looksLikeHeader(fields.orElse(List.of()))
                        && plainRow(number, text, fields.get(), plainAction) instanceof ImportLine.Malformed) {
                    unknownHeader = Optional.of(text);
                }
            }
            if (fields.isEmpty()) {
                lines.add(new ImportLine.Malformed(number, text, "unterminated double quote"));
            } else if (header) {
                lines.add(headerRow(number, text, fields.get(), actionColumn, userColumn, columns, plainAction));
            } else {
                lines.add(plainRow(number, text, fields.get(), plainAction));
            }
        }
        return new Parsed(lines, skipped, header, unknownHeader, conflicts(lines, true), conflicts(lines, false));
    }

    /** Two or more fields, none empty, none an email or an action word: column names, not an instruction. */
    private static boolean looksLikeHeader(List<String> fields) {
        return fields.size() >= 2 && fields.stream().allMatch(f -> !f.isEmpty() && !f.contains("@")
                && Action.parse(f).isEmpty());
    }

    /** Users (as typed, ignoring case) on several lines: with opposite actions, or else with the same one. */
    private static List<String> conflicts(List<ImportLine> lines, boolean opposite) {
        Map<String, List<ImportLine.Instruction>> byUser = new LinkedHashMap<>();
        for (ImportLine line : lines) {
            if (line instanceof ImportLine.Instruction i) {
                byUser.computeIfAbsent(i.user().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
            }
        }
        List<String> messages = new ArrayList<>();
        byUser.forEach((user, named) -> {
            if (named.size() < 2) {
                return;
            }
            boolean mixed = named.stream().map(ImportLine.Instruction::action).distinct().count() > 1;
            if (mixed == opposite) {
                messages.add(named.get(0).user() + ": " + named.stream()
                        .map(i -> i.action().label() + " on line " + i.line()).collect(Collectors.joining(", ")));
            }
        });
        return messages;
    }

    private static ImportLine headerRow(int number, String text, List<String> fields, int actionColumn,
                                        int userColumn, int columns, Action plainAction) {
        if (fields.size() != columns) {
            return new ImportLine.Malformed(number, text, "has " + fields.size() + " columns, the header has " + columns
                    + (fields.size() > columns ? " (a value with a comma must be in double quotes)" : ""));
        }
        String action = actionColumn >= 0 ? fields.get(actionColumn) : plainAction.label();
        return instruction(number, text, action, fields.get(userColumn));
    }

    private static ImportLine plainRow(int number, String text, List<String> fields, Action plainAction) {
        if (fields.size() == 1) {
            String user = fields.get(0);
            Optional<String> problem = UserInput.problem(user);
            return problem.<ImportLine>map(p -> new ImportLine.Malformed(number, text, "bad user: " + p))
                    .orElseGet(() -> new ImportLine.Instruction(number, plainAction, user));
        }
        if (fields.size() == 2) {
            return instruction(number, text, fields.get(0), fields.get(1));
        }
        return new ImportLine.Malformed(number, text,
                "expected USER or ACTION,USER, found " + fields.size() + " fields");
    }

    private static ImportLine instruction(int number, String text, String actionText, String user) {
        Optional<Action> action = Action.parse(actionText);
        if (action.isEmpty()) {
            return new ImportLine.Malformed(number, text, actionText.isEmpty() ? "missing action (grant or revoke)"
                    : "unknown action '" + actionText + "' (expected grant or revoke)");
        }
        Optional<String> problem = UserInput.problem(user);
        if (problem.isPresent()) {
            return new ImportLine.Malformed(number, text, "bad user: " + problem.get());
        }
        return new ImportLine.Instruction(number, action.get(), user);
    }

    private static int firstIndex(List<String> names, String... wanted) {
        for (String w : wanted) {
            if (names.contains(w)) {
                return names.indexOf(w);
            }
        }
        return -1;
    }

    /** RFC 4180 fields of one line, each stripped; empty when a quote is left open. */
    static Optional<List<String>> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(UserInput.trim(field.toString()));
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return Optional.empty();
        }
        fields.add(UserInput.trim(field.toString()));
        return Optional.of(fields);
    }
}
