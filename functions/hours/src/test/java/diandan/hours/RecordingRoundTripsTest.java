package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.HoursWiring;
import diandan.adapter.Wiring;
import diandan.adapter.http.Claims;
import diandan.app.hours.HoursRecorder;
import diandan.app.hours.HoursRollup;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.domain.Caller;
import diandan.domain.hours.ServiceDates;

/**
 * {@code POST /hours} makes its DynamoDB calls one after another as a call of one entry does, however many entries
 * it has: its reads together, then each entry's reservation and record, the entries together (docs/performance.md
 * §7 has the count of a one-entry call, measured through the function).
 */
@ExtendWith(DynaliteExtension.class)
class RecordingRoundTripsTest {
    static final Caller LEADER = Claims.caller(HoursWorld.LEADER);

    @Test
    void aCallOfThreeEntriesWaitsAsLongAsACallOfOne(LocalTable table) {
        HoursWorld world = new HoursWorld(table);
        StoreProbe probe = StoreProbe.on(table).build();
        HoursWiring measured = new HoursWiring(new Wiring(probe.client(), table.name(), world.clock),
                HoursRollup.Settings.standard());
        sequentialCalls(world, probe, measured, "v-chen"); // what a warm container has cached
        assertEquals(3, sequentialCalls(world, probe, measured, "v-li"));
        assertEquals(3, sequentialCalls(world, probe, measured, "v-li", "v-wang", "v-sun"));
    }

    static int sequentialCalls(HoursWorld world, StoreProbe probe, HoursWiring measured, String... volunteers) {
        LocalDate day = world.freshDay();
        Instant morning = day.atTime(9, 0).atZone(ServiceDates.ZONE).toInstant();
        String request = world.resolvedRequest(HoursWorld.CARE, morning, morning.plus(Duration.ofHours(3)));
        StoreProbe.Reading before = probe.reading();
        measured.recorder.record(LEADER, new HoursRecorder.NewHours("request", request, Arrays.stream(volunteers)
                .map(v -> new HoursRecorder.Entry(v, 1.0, day.toString(), null, null)).toList()), "k-" + day);
        return probe.reading().minus(before).sequentialCalls();
    }
}
