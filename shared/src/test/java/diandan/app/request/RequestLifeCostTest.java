package diandan.app.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.HoursWiring;
import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.RequestItems;
import diandan.adapter.http.Claims;
import diandan.app.hours.HoursRecorder;
import diandan.app.hours.HoursRollup;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.ItemSize;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StoreProbe;
import diandan.domain.Caller;

/**
 * What one request costs in write units as DynamoDB bills them (the table and every index entry a write adds,
 * changes or removes, {@code WriteCost}), from submission to its volunteer's hours in the tallies. Each state
 * change of the request is one write of an item under 1 KB: one unit on the table and one in each of the five
 * indexes it is in (owner, community, street, district, team), one for the team's load, and one or two when
 * its next deadline moves in the due index (where a resolved request waits for the end of its rating window). docs/performance.md has the same life through the functions.
 */
@ExtendWith(DynaliteExtension.class)
class RequestLifeCostTest {
    static final Instant NOW = Instant.parse("2026-11-28T01:30:00Z");
    /**
     * The whole life, the request's six state changes and its volunteer's hours (the rollup of one record alone):
     * 140 until the district due index, which lets a desk read its own district's deadlines ahead, added 9.
     */
    static final int LIFE_BUDGET = 145;

    @Test
    void aRequestLivesOnSmallWrites(LocalTable table) {
        DemoRegistry.loadInto(table);
        StoreProbe meter = StoreProbe.on(table).metered().build();
        MutableClock clock = new MutableClock(NOW);
        HoursWiring hours = new HoursWiring(new Wiring(meter.client(), table.name(), clock),
                HoursRollup.Settings.standard());
        Wiring desk = hours.base;
        desk.registry.get(); // the caches a warm container has: loaded once a minute, not per request
        desk.clockPolicies.current();
        Caller resident = Claims.caller(ApiEvents.resident("resident-life"));
        Caller leader = Claims.caller(ApiEvents.leader("u-leader-xinbei-juandilv", "xinbei-juandilv"));
        Caller dispatcher = Claims.caller(ApiEvents.dispatcher("dispatcher-life", "weiyang"));

        Map<String, Double> stateChanges = new LinkedHashMap<>();
        String id = desk.intake.submit(resident, new NewRequest("elderly_care", "独居老人需要每周代购生活用品", "xinbei",
                "新北社区3号楼2单元501", "张桂兰", "13812345678", "mini_program", "2026-11-29T02:00:00Z", null), "life-1")
                .request().id();
        double submitted = meter.reading().writeUnits();
        // the schedule's run after the call: it settles the request again (nothing to change) and takes its note out
        stateChanges.put("submit", submitted + step(meter, clock, desk.changes::settleInterrupted));
        stateChanges.put("accept", step(meter, clock, () -> desk.dispatch.accept(leader, id, null)));
        stateChanges.put("reply", step(meter, clock, () -> desk.dispatch.reply(leader, id, null, "周六上午上门代购", null)));
        stateChanges.put("start", step(meter, clock, () -> desk.dispatch.start(leader, id, null)));
        stateChanges.put("resolve", step(meter, clock, () -> desk.dispatch.resolve(leader, id, null, "已代购一周生活用品并送到家中")));
        stateChanges.put("rate", step(meter, clock, () -> desk.intake.rate(resident, id, null, 5, "resolved", "非常及时，谢谢")));
        long closedItemBytes = ItemSize.of(table.client().getItem(b -> b.tableName(table.name())
                .key(RequestItems.key(id))).item());
        String record = hours.recorder.record(leader, new HoursRecorder.NewHours("request", id, List.of(
                new HoursRecorder.Entry("v0105", 2.5, "2026-11-28", "上门代购", null))), null).records().get(0).id();
        step(meter, clock, () -> hours.certification.certify(dispatcher, record));
        step(meter, clock, () -> hours.rollup.run("life"));

        // the table and 5 indexes, and the team's load; the respond deadline enters the due index and the district
        // due index, moves twice in each (to the reply, then the resolve deadline), and moves to the end of the
        // rating window, from which the rating moves it to the requests keeping contact data until the retention
        // job erases it (docs/retention.md);
        // the resident's slot item when the submission takes its slots (with a second write, refused: the slots are
        // taken without waiting for their read, by creating the item and by updating it) and when resolving gives
        // the open one back;
        // the submission's note of its pending settlement, written by the call and removed by the schedule, whose
        // settling again is one write refused by its condition on the team's load (DynamoDB bills a refused write)
        assertEquals(Map.of("submit", 14.0, "accept", 11.0, "reply", 11.0, "start", 7.0, "resolve", 12.0, "rate", 11.0),
                stateChanges);
        assertTrue(closedItemBytes <= 1024, "the closed request, timeline and rating included, is " + closedItemBytes + " bytes");
        double life = meter.reading().writeUnits();
        assertTrue(life <= LIFE_BUDGET, "the life billed " + life + " write units; its state changes " + stateChanges);
    }

    /** The action a moment after the one before; the write units it billed. */
    private static double step(StoreProbe meter, MutableClock clock, Supplier<?> action) {
        clock.advance(Duration.ofMinutes(10));
        StoreProbe.Reading before = meter.reading();
        action.get();
        return meter.reading().minus(before).writeUnits();
    }
}
