package diandan.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import diandan.domain.Problem;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorTest {
    static final Set<String> KEYS = Keys.cursorKeys(Keys.OWNER_KEY);

    @Test
    void roundTrips() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("REQ#r1"), "sk", AttributeValue.fromS("REQ"),
                "ownerKey", AttributeValue.fromS("RES#u"), "listSort", AttributeValue.fromS("2026-11-28T09:30:00.000Z#r1"));
        assertEquals(key, Cursor.decode(Keys.BY_OWNER, Cursor.encode(Keys.BY_OWNER, key), KEYS));
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromS("b"),
                "teamKey", AttributeValue.fromS("c"), "listSort", AttributeValue.fromS("d"));
        String teamCursor = Cursor.encode(Keys.BY_TEAM, key);
        assertEquals(400, assertThrows(Problem.class, () -> Cursor.decode(Keys.BY_OWNER, teamCursor, KEYS)).kind().status);
    }

    @Property
    void garbageIsAlwaysA400(@ForAll String garbage) {
        try {
            Cursor.decode(Keys.BY_OWNER, garbage, KEYS);
        } catch (Problem problem) {
            assertEquals(400, problem.kind().status);
        }
    }
}
