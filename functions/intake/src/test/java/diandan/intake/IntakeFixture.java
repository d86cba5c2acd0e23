package diandan.intake;

import java.time.Clock;

import diandan.adapter.RegistryFile;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.app.IntakeService;
import diandan.app.RegistryCache;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.domain.ClockPolicy;
import diandan.domain.RequestLifecycle;
import diandan.domain.SubmissionLimits;
import diandan.domain.TimelineEntry;

/** The demo registry in a test table, and an intake handler on it with the limits a test needs. */
final class IntakeFixture {
    private IntakeFixture() {
    }

    static IntakeHandler handler(LocalTable table, Clock clock, SubmissionLimits limits) {
        DynamoRegistryRepository registry = new DynamoRegistryRepository(table.client(), table.name());
        RegistryFile.load(RepoRoot.find().resolve("local/demo/registry.json"), registry);
        return new IntakeHandler(new IntakeService(new DynamoRequestRepository(table.client(), table.name()),
                new RegistryCache(registry, clock),
                (request, at) -> RequestLifecycle.unroute(request, TimelineEntry.SYSTEM, "waiting for a dispatcher", at),
                ClockPolicy::standard, limits, clock));
    }
}
