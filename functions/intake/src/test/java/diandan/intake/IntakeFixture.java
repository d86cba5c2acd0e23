package diandan.intake;

import java.time.Clock;

import diandan.adapter.RegistryFile;
import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.domain.SubmissionLimits;

/** The demo registry in a test table, and an intake handler on it with the limits a test needs (no event bus). */
final class IntakeFixture {
    private IntakeFixture() {
    }

    static IntakeHandler handler(LocalTable table, Clock clock, SubmissionLimits limits) {
        RegistryFile.load(RepoRoot.find().resolve("local/demo/registry.json"),
                new DynamoRegistryRepository(table.client(), table.name()));
        Wiring wiring = new Wiring(table.client(), table.name(), clock, limits, null);
        return new IntakeHandler(wiring.intake, wiring.deliveries);
    }
}
