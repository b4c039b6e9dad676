package site.paywall.payingcustomers.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import site.paywall.payingcustomers.support.Cli;
import site.paywall.payingcustomers.support.CliRun;
import site.paywall.payingcustomers.support.JsonAssert;
import site.paywall.payingcustomers.support.MotoExtension;
import site.paywall.payingcustomers.support.Pool;

/** list (paging through more members than one page holds), status and create-group against moto. */
class ListAndStatusEndToEndTest {
    private static final int MEMBERS = 65; // more than one ListUsersInGroup page (60)
    @RegisterExtension
    static final MotoExtension moto = new MotoExtension();
    private static Pool big;

    @BeforeAll
    static void createABigGroup() {
        big = Pool.create(moto.server());
        IntStream.rangeClosed(1, MEMBERS)
                .forEach(i -> big.member(String.format("member%03d", i), "m" + i + "@example.com"));
        big.user("outsider", "outsider@example.com");
        big.createGroup("beta");
        big.addToGroup("member001", "beta");
        big.disable("member002");
    }

    @AfterAll
    static void closeTheBigGroup() {
        if (big != null) {
            big.close();
        }
    }

    private static Set<String> expectedMembers() {
        Set<String> names = new TreeSet<>();
        IntStream.rangeClosed(1, MEMBERS).forEach(i -> names.add(String.format("member%03d", i)));
        return names;
    }

    private static List<String> usernames(JsonNode doc) {
        List<String> names = new ArrayList<>();
        doc.get("members").forEach(m -> names.add(m.get("username").asText()));
        return names;
    }

    @Test
    void listFollowsNextTokenToTheLastPage() {
        CliRun run = Cli.against(moto.server(), big.id).run("list", "--json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode doc = JsonAssert.parse(run.out());
        List<String> names = usernames(doc);
        assertEquals(MEMBERS, names.size(), "every member once, across two pages");
        assertEquals(expectedMembers(), new TreeSet<>(names));
        assertEquals(MEMBERS, doc.get("count").asInt());
    }

    @Test
    void smallPagesGiveTheSameMembers() {
        CliRun run = Cli.against(moto.server(), big.id).run("list", "--json", "--page-size", "7");

        List<String> names = usernames(JsonAssert.parse(run.out()));
        assertEquals(MEMBERS, names.size());
        assertEquals(expectedMembers(), new TreeSet<>(names));
    }

    @Test
    void listShowsUsernameEmailStatusAndCreatedDate() {
        CliRun run = Cli.against(moto.server(), big.id).run("list");

        assertEquals(0, run.exitCode(), run::toString);
        String row = run.out().lines().filter(l -> l.startsWith("member007 ")).findFirst().orElseThrow();
        assertTrue(row.matches("member007\\s+m7@example\\.com\\s+FORCE_CHANGE_PASSWORD\\s+yes"
                + "\\s+\\d{4}-\\d\\d-\\d\\dT.*Z"), row);
        assertTrue(run.out().contains(MEMBERS + " members in group 'paying-customers' of pool " + big.id),
                run::toString);
        assertFalse(run.out().contains("outsider"), "non-members are not listed");
        String disabled = run.out().lines().filter(l -> l.startsWith("member002 ")).findFirst().orElseThrow();
        assertTrue(disabled.contains(" no "), "a disabled member shows enabled = no: " + disabled);
    }

    @Test
    void anEmptyGroupListsNobody() {
        try (Pool empty = Pool.create(moto.server())) {
            CliRun run = Cli.against(moto.server(), empty.id).run("list");

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("0 members in group 'paying-customers' of pool " + empty.id + ".", run.out().strip());
        }
    }

    @Test
    void statusOfAMemberShowsMembershipStatusEnabledAndGroups() {
        CliRun run = Cli.against(moto.server(), big.id).run("status", "m1@example.com", "--json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode doc = JsonAssert.parse(run.out());
        assertEquals("member001", doc.get("username").asText());
        assertTrue(doc.get("member").asBoolean());
        assertEquals("FORCE_CHANGE_PASSWORD", doc.get("userStatus").asText());
        assertTrue(doc.get("enabled").asBoolean());
        List<String> groups = new ArrayList<>();
        doc.get("groups").forEach(g -> groups.add(g.asText()));
        assertEquals(Set.of("paying-customers", "beta"), Set.copyOf(groups));
    }

    @Test
    void statusOfANonMemberSaysNo() {
        CliRun run = Cli.against(moto.server(), big.id).run("status", "outsider");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("member:   no, not in 'paying-customers'"), run::toString);
        assertTrue(run.out().contains("groups:   (none)"), run::toString);
    }

    @Test
    void statusShowsADisabledUser() {
        CliRun run = Cli.against(moto.server(), big.id).run("status", "member002");

        assertTrue(run.out().contains("enabled:  no (cannot sign in)"), run::toString);
        assertTrue(run.out().contains("member:   yes"), run::toString);
    }

    @Test
    void createGroupCreatesOnceAndThenLeavesTheGroupAlone() {
        try (Pool pool = Pool.createWithoutGroup(moto.server())) {
            Cli cli = Cli.against(moto.server(), pool.id);

            CliRun first = cli.run("create-group", "--description", "Customers who paid");
            CliRun second = cli.run("create-group", "--description", "something else");

            assertEquals(0, first.exitCode(), first::toString);
            assertTrue(first.out().startsWith("created: group 'paying-customers'"), first::toString);
            assertEquals(0, second.exitCode(), second::toString);
            assertTrue(second.out().startsWith("unchanged: group 'paying-customers' already exists"), second::toString);
            assertEquals("Customers who paid", pool.groupDescription("paying-customers"),
                    "the second run changed nothing");
            assertEquals(1, JsonAssert.outcomes(first.err()).size(), "creation is audited");
            assertTrue(JsonAssert.auditLines(second.err()).isEmpty());
        }
    }

    @Test
    void createGroupUsesTheGroupOption() {
        try (Pool pool = Pool.createWithoutGroup(moto.server())) {
            CliRun run = Cli.against(moto.server(), pool.id).run("create-group", "--group", "vip", "--json");

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("created", JsonAssert.parse(run.out()).get("outcome").asText());
            assertTrue(pool.groupDescription("vip").startsWith("Paying customers"), "default description");
        }
    }
}
