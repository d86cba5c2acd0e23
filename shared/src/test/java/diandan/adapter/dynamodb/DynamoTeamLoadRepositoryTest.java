package diandan.adapter.dynamodb;

import static diandan.port.request.TeamLoadRepository.Counting.COUNTS;
import static diandan.port.request.TeamLoadRepository.Counting.DOES_NOT_COUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.TeamLoad;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The load item's per-request version registers: what a repeated, late or racing record can and cannot do. */
@ExtendWith(DynaliteExtension.class)
class DynamoTeamLoadRepositoryTest {
    static final Instant T0 = Instant.parse("2026-11-28T09:30:00Z");

    final DynamoTeamLoadRepository loads;
    final LocalTable table;

    DynamoTeamLoadRepositoryTest(LocalTable table) {
        this.table = table;
        this.loads = new DynamoTeamLoadRepository(table.client(), table.name());
    }

    @Test
    void aRepeatedRecordCountsOnceAndALateOneChangesNothing() {
        loads.record("repeat", "r1", 3, COUNTS, T0, T0);
        loads.record("repeat", "r1", 3, COUNTS, T0, T0);
        assertEquals(1, loads.load("repeat").openCount());
        loads.record("repeat", "r1", 4, DOES_NOT_COUNT, null, T0);
        loads.record("repeat", "r1", 3, COUNTS, T0, T0);
        assertEquals(0, loads.load("repeat").openCount(), "version 3 arrived after version 4 released the request");
        loads.record("repeat", "r1", 5, COUNTS, T0, T0);
        assertEquals(1, loads.load("repeat").openCount());
    }

    @Test
    void aReleaseThatArrivesBeforeItsCountStillWins() {
        loads.record("early", "r1", 7, DOES_NOT_COUNT, null, T0);
        loads.record("early", "r1", 6, COUNTS, T0, T0);
        assertEquals(0, loads.load("early").openCount());
    }

    @Test
    void tombstonesAreSweptOnceNoLateRecordCanArrive() {
        loads.record("sweep", "gone", 2, DOES_NOT_COUNT, null, T0);
        assertTrue(item("sweep").containsKey("R#gone"));
        Instant later = T0.plus(DynamoTeamLoadRepository.TOMBSTONE_LIFETIME).plusSeconds(1);
        loads.record("sweep", "open", 2, COUNTS, later, later);
        Map<String, AttributeValue> item = item("sweep");
        assertFalse(item.containsKey("R#gone") || item.containsKey("G#gone"), item.toString());
        assertEquals(1, loads.load("sweep").openCount());
    }

    @Test
    void aRepairFinishesWhatWasLeftUndoneButNeverWritesASweptTombstoneBack() {
        loads.record("repair", "counted-before", 2, COUNTS, T0, T0);
        loads.repair("repair", "counted-before", 3, DOES_NOT_COUNT, T0);
        loads.repair("repair", "never-recorded", 2, COUNTS, T0);
        assertEquals(1, loads.load("repair").openCount(), "the released one is released, the counted one counted");

        Instant later = T0.plus(DynamoTeamLoadRepository.TOMBSTONE_LIFETIME).plusSeconds(1);
        loads.record("repair", "other", 1, COUNTS, later, later);
        assertFalse(item("repair").containsKey("R#counted-before"), "its tombstone was swept");
        loads.repair("repair", "counted-before", 3, DOES_NOT_COUNT, later);
        assertFalse(item("repair").containsKey("R#counted-before"), "a retried call long after writes nothing back");
    }

    @Test
    void theStoredVersionsAnswerReplacesAnotherAnswerOfTheSameVersion() {
        loads.record("same", "r1", 2, COUNTS, T0, T0);
        loads.record("same", "r1", 3, DOES_NOT_COUNT, null, T0); // beside a write of version 3 that lost its race
        loads.record("same", "r1", 3, COUNTS, null, T0);         // beside the write of version 3 that won
        assertEquals(1, loads.load("same").openCount(), "the later record of a version replaces an earlier one");

        loads.record("same", "r2", 5, COUNTS, T0, T0);          // a loser's record, the winner's arrived first
        assertTrue(loads.repair("same", "r2", 5, DOES_NOT_COUNT, T0), "the stored version 5 does not count");
        assertEquals(1, loads.load("same").openCount());
        assertFalse(loads.repair("same", "r1", 2, DOES_NOT_COUNT, T0), "an older version changes nothing");
        assertEquals(1, loads.load("same").openCount());
    }

    @Test
    void aRecordOfAVersionNeverReachedIsRevokedOnlyWhileTheTeamHoldsIt() {
        loads.record("revoke", "r1", 4, COUNTS, T0, T0);        // beside a write of version 4 that never landed
        assertFalse(loads.repair("revoke", "r1", 3, DOES_NOT_COUNT, T0), "a repair of version 3 cannot undo it");
        assertFalse(loads.revoke("revoke", "r1", -4, 3, DOES_NOT_COUNT, T0), "not the record held");
        assertTrue(loads.revoke("revoke", "r1", 4, 3, DOES_NOT_COUNT, T0));
        assertEquals(Map.of("r1", -3L), loads.entries("revoke"));
        assertEquals(0, loads.load("revoke").openCount());

        loads.record("revoke", "r2", 4, DOES_NOT_COUNT, null, T0);
        loads.record("revoke", "r2", 5, COUNTS, T0, T0);          // the request went on meanwhile
        assertFalse(loads.revoke("revoke", "r2", -4, 3, COUNTS, T0), "a newer record stays");
        assertEquals(Map.of("r1", -3L, "r2", 5L), loads.entries("revoke"));
    }

    @Test
    void onlyADispatchMovesTheLastDispatchTime() {
        loads.record("clock", "r1", 2, COUNTS, T0, T0);
        loads.record("clock", "r1", 3, COUNTS, null, T0.plusSeconds(600));
        assertEquals(T0, loads.load("clock").lastDispatchedAt());
    }

    @Test
    void teamsNeverDispatchedToAreIdle() {
        Map<String, TeamLoad> read = loads.loads(List.of("never-a", "never-b"));
        assertEquals(0, read.get("never-a").openCount());
        assertNull(read.get("never-b").lastDispatchedAt());
    }

    Map<String, AttributeValue> item(String teamId) {
        return table.client().getItem(b -> b.tableName(table.name()).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("LOAD#" + teamId), "sk", AttributeValue.fromS("LOAD")))).item();
    }
}
