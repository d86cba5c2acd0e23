package diandan.intake;

import java.time.Clock;

import diandan.adapter.Wiring;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.LocalTable;
import diandan.domain.SubmissionLimits;

/** The demo registry in a test table, and an intake handler on it with the limits a test needs (no event bus). */
final class IntakeFixture {
    private IntakeFixture() {
    }

    static IntakeHandler handler(LocalTable table, Clock clock, SubmissionLimits limits) {
        DemoRegistry.loadInto(table);
        Wiring wiring = new Wiring(table.client(), table.name(), clock, limits, null);
        return new IntakeHandler(wiring.intake, wiring.deliveries);
    }
}
