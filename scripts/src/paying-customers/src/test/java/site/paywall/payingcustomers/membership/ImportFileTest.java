package site.paywall.payingcustomers.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The import file shapes, and every way a line can be bad. */
class ImportFileTest {

    private static List<ImportLine> parse(Action plain, String... lines) {
        return ImportFile.parse(List.of(lines), plain).lines();
    }

    private static ImportLine.Instruction grant(int line, String user) {
        return new ImportLine.Instruction(line, Action.GRANT, user);
    }

    @Test
    void plainLinesUseTheDefaultActionAndSkipBlanksAndComments() {
        ImportFile.Parsed parsed = ImportFile.parse(List.of("# header comment", "alice", "", "  bob@example.com  "),
                Action.GRANT);

        assertEquals(List.of(grant(2, "alice"), grant(4, "bob@example.com")), parsed.lines());
        assertEquals(2, parsed.skipped());
        assertFalse(parsed.header());
    }

    @Test
    void plainLinesTakeTheActionOption() {
        assertEquals(List.of(new ImportLine.Instruction(1, Action.REVOKE, "alice")), parse(Action.REVOKE, "alice"));
    }

    @Test
    void actionUserPairsNeedNoHeader() {
        assertEquals(List.of(new ImportLine.Instruction(1, Action.REVOKE, "alice"), grant(2, "bob")),
                parse(Action.GRANT, "REVOKE,alice", "grant , bob"));
    }

    @Test
    void aHeaderNamesTheColumnsInAnyOrderAndExtraColumnsAreIgnored() {
        ImportFile.Parsed parsed = ImportFile.parse(
                List.of("\uFEFFNote,Email,Action", "\"paid, twice\",alice@example.com,grant",
                        "x,bob@example.com,revoke"),
                Action.GRANT);

        assertTrue(parsed.header());
        assertEquals(List.of(grant(2, "alice@example.com"),
                new ImportLine.Instruction(3, Action.REVOKE, "bob@example.com")), parsed.lines());
    }

    @Test
    void aHeaderWithoutAnActionColumnUsesTheActionOption() {
        assertEquals(List.of(new ImportLine.Instruction(2, Action.REVOKE, "alice")),
                parse(Action.REVOKE, "username,name", "alice,Alice A."));
    }

    @Test
    void badLinesAreReportedWithTheirReasonAndDoNotStopTheRest() {
        List<ImportLine> lines = parse(Action.GRANT,
                "user,action",
                "alice,promote",
                ",grant",
                "bob",
                "\"carol,grant",
                "dave,grant,extra",
                "has space,grant",
                "erin,grant");

        assertEquals("unknown action 'promote' (expected grant or revoke)", reason(lines.get(0)));
        assertEquals("bad user: empty user", reason(lines.get(1)));
        assertEquals("has 1 columns, the header has 2", reason(lines.get(2)));
        assertEquals("unterminated double quote", reason(lines.get(3)));
        assertTrue(reason(lines.get(4)).startsWith("has 3 columns, the header has 2 (a value with a comma"));
        assertTrue(reason(lines.get(5)).startsWith("bad user: contains whitespace"));
        assertEquals(grant(8, "erin"), lines.get(6));
    }

    @Test
    void aPlainLineWithTooManyFieldsOrABadActionIsRejected() {
        List<ImportLine> lines = parse(Action.GRANT, "alice,bob,carol", "alice,grant");

        assertEquals("expected USER or ACTION,USER, found 3 fields", reason(lines.get(0)));
        assertEquals("unknown action 'alice' (expected grant or revoke)", reason(lines.get(1)));
    }

    @Test
    void csvQuotesFollowRfc4180() {
        assertEquals(Optional.of(List.of("a\"b", "c,d", "")), ImportFile.splitCsv("\"a\"\"b\",\"c,d\","));
        assertEquals(Optional.empty(), ImportFile.splitCsv("\"open"));
    }

    private static String reason(ImportLine line) {
        return ((ImportLine.Malformed) line).reason();
    }

    @Test
    void oppositeActionsForOneUserAreConflictsWithTheirLineNumbers() {
        ImportFile.Parsed parsed = ImportFile.parse(List.of("grant,alice", "grant,bob", "revoke,carol", "revoke,ALICE",
                "grant,bob"), Action.GRANT);

        assertEquals(List.of("alice: grant on line 1, revoke on line 4"), parsed.conflicts());
        assertEquals(List.of("bob: grant on line 2, grant on line 5"), parsed.duplicates());
    }

    @Test
    void aFirstLineThatLooksLikeAnUnknownHeaderIsReported() {
        assertEquals(Optional.of("name,mail,action"),
                ImportFile.parse(List.of("name,mail,action", "Alice,alice@example.com,grant"), Action.GRANT)
                        .unknownHeader());
        assertEquals(Optional.of("mail,action"),
                ImportFile.parse(List.of("mail,action"), Action.GRANT).unknownHeader());
        assertEquals(Optional.empty(), ImportFile.parse(List.of("email,action"), Action.GRANT).unknownHeader());
        assertEquals(Optional.empty(),
                ImportFile.parse(List.of("alice@example.com,grant"), Action.GRANT).unknownHeader(),
                "an instruction with its fields the wrong way round is a bad line, not a header");
        assertEquals(Optional.empty(), ImportFile.parse(List.of("grant,alice"), Action.GRANT).unknownHeader());
    }

    @Test
    void pastedBlanksAroundAUserAreTrimmed() {
        assertEquals(List.of(grant(1, "alice"), grant(2, "bob")),
                parse(Action.GRANT, "alice\u00a0", "\u200bbob "));
        assertEquals("alice", UserInput.trim(" \talice\u00a0\ufeff"));
        assertEquals("a b", UserInput.trim(" a b "), "blanks inside stay (and are refused as a user)");
    }
}
