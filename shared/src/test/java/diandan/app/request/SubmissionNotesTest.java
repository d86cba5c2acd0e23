package diandan.app.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoPendingSettlements;
import diandan.adapter.http.Claims;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.RequestStatus;
import diandan.domain.ServiceRequest;
import diandan.port.request.PendingSettlements;

/**
 * A submission's note of its pending settlement outlives its call: the schedule settles the request again (a
 * repair, which finds nothing to change) and only then takes the note out, so that the call itself makes no
 * write after settling.
 */
@ExtendWith(DynaliteExtension.class)
class SubmissionNotesTest {
    static final Instant NOW = Instant.parse("2026-11-28T01:30:00Z");

    @Test
    void theScheduleTakesASettledSubmissionsNoteOutOnceItsCallHasEndedChangingNothingElse(LocalTable table) {
        DemoRegistry.loadInto(table);
        MutableClock clock = new MutableClock(NOW);
        Wiring desk = new Wiring(table.client(), table.name(), clock);
        Caller resident = Claims.caller(ApiEvents.resident("noted-resident"));
        ServiceRequest request = desk.intake.submit(resident, new NewRequest("elderly_care", "需要帮助", "xinbei",
                "3号楼2单元", "张桂兰", "13812345678", "mini_program", null, null), "noted-1").request();
        assertEquals(RequestStatus.DISPATCHED, request.status());
        assertEquals(List.of(request.id()), notes(desk, clock.instant().plusSeconds(1)), "the call left its note");
        Map<String, Map<String, AttributeValue>> settled = itemsButNotes(table);

        clock.advance(Duration.ofSeconds(30));
        assertEquals(0, desk.changes.settleInterrupted(), "its call may still be running");
        assertEquals(List.of(request.id()), notes(desk, clock.instant().plusSeconds(1)));

        clock.advance(Duration.ofMinutes(2));
        desk.changes.settleInterrupted();
        assertEquals(List.of(), notes(desk, clock.instant().plusSeconds(1)), "the schedule took the note out");
        assertEquals(settled, itemsButNotes(table), "and changed nothing else: the call had settled the request");
    }

    @Test
    void notesOldEnoughAreFoundBehindMoreThanAPageOfYoungerOnes(LocalTable table) {
        PendingSettlements pending = new DynamoPendingSettlements(table.client(), table.name());
        for (int i = 0; i < 120; i++) {
            pending.note(String.format("r-young-%03d", i), NOW);
        }
        pending.note("r-zz-old-1", NOW.minusSeconds(120));
        pending.note("r-zz-old-2", NOW.minusSeconds(90));
        assertEquals(List.of("r-zz-old-1", "r-zz-old-2"), pending.waiting(NOW.minusSeconds(60), 100).stream()
                .map(PendingSettlements.Note::requestId).toList());
        assertEquals(1, pending.waiting(NOW.minusSeconds(60), 1).size(), "at most the limit");
    }

    static List<String> notes(Wiring desk, Instant before) {
        return desk.pending.waiting(before, 100).stream().map(PendingSettlements.Note::requestId).toList();
    }

    static Map<String, Map<String, AttributeValue>> itemsButNotes(LocalTable table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        table.client().scanPaginator(b -> b.tableName(table.name())).items().forEach(item -> {
            String key = item.get("pk").s() + "|" + item.get("sk").s();
            if (!key.startsWith("SETTLE")) {
                items.put(key, item);
            }
        });
        assertTrue(items.size() > 0);
        return items;
    }
}
