package diandan.port.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import diandan.domain.hours.RecordStatus;

/** A list of records is described by named narrowings, never by a row of positional flags and nulls. */
class RecordQueryTest {
    static final LocalDate FIRST = LocalDate.parse("2026-11-01");
    static final LocalDate LAST = LocalDate.parse("2026-11-30");

    @Test
    void aPartitionUnnarrowedListsEveryRecordFromTheStart() {
        assertEquals(new RecordQuery(RecordQuery.Scope.VOLUNTEER, "v-li", null, false, null, null, null, 20, null),
                RecordQuery.of(RecordQuery.Scope.VOLUNTEER, "v-li", 20));
    }

    @Test
    void eachNarrowingSetsItsOwnFilterOnly() {
        RecordQuery team = RecordQuery.of(RecordQuery.Scope.TEAM, "team-care", 50);
        assertEquals(new RecordQuery(RecordQuery.Scope.TEAM, "team-care", RecordStatus.PENDING, true, "weiyang", FIRST,
                        LAST, 50, "c1"),
                team.withStatus(RecordStatus.PENDING).withDisputesOnly().narrowedToArea("weiyang")
                        .servedBetween(FIRST, LAST).fromCursor("c1"));
        assertEquals(new RecordQuery(RecordQuery.Scope.TEAM, "team-care", null, false, null, null, LAST, 50, null),
                team.servedBetween(null, LAST));
    }
}
