package diandan.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import diandan.domain.Problem;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorTest {
    static final Predicate<String> ANY_SORT_KEY = sort -> true;
    static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("REQ#r1"),
            "sk", AttributeValue.fromS("REQ"), "ownerKey", AttributeValue.fromS("RES#u"),
            "listSort", AttributeValue.fromS("2026-11-28T09:30:00.000Z#r1"));

    @Test
    void roundTrips() {
        assertEquals(KEY, Cursor.decode(Keys.BY_OWNER, Cursor.encode(Keys.BY_OWNER, KEY), Keys.OWNER_KEY, "RES#u",
                ANY_SORT_KEY));
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromS("b"),
                "teamKey", AttributeValue.fromS("c"), "listSort", AttributeValue.fromS("d"));
        String teamCursor = Cursor.encode(Keys.BY_TEAM, key);
        assertEquals(400, refused(() -> Cursor.decode(Keys.BY_OWNER, teamCursor, Keys.OWNER_KEY, "c", ANY_SORT_KEY)));
    }

    /** The store refuses a start key outside the query's partition or range: a client's mistake, never a 500. */
    @Test
    void aCursorOfAnotherPartitionOrPastTheRangeIsRefused() {
        String cursor = Cursor.encode(Keys.BY_OWNER, KEY);
        assertEquals(400, refused(() -> Cursor.decode(Keys.BY_OWNER, cursor, Keys.OWNER_KEY, "RES#someone-else",
                ANY_SORT_KEY)));
        assertEquals(400, refused(() -> Cursor.decode(Keys.BY_OWNER, cursor, Keys.OWNER_KEY, "RES#u",
                sort -> sort.compareTo("2026-12") >= 0)));
    }

    @Property
    void garbageIsAlwaysA400(@ForAll String garbage) {
        try {
            Cursor.decode(Keys.BY_OWNER, garbage, Keys.OWNER_KEY, "RES#u", ANY_SORT_KEY);
        } catch (Problem problem) {
            assertEquals(400, problem.kind().status);
        }
    }

    private static int refused(Runnable decode) {
        return assertThrows(Problem.class, decode::run).kind().status;
    }
}
