package diandan.intake;

import java.time.Clock;

import diandan.adapter.RegistryFile;
import diandan.adapter.dynamodb.DynamoAlertRepository;
import diandan.adapter.dynamodb.DynamoPendingSettlements;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoRequestRepository;
import diandan.adapter.dynamodb.DynamoResidentSlotRepository;
import diandan.adapter.dynamodb.DynamoTeamLoadRepository;
import diandan.app.registry.RegistryCache;
import diandan.app.request.IntakeService;
import diandan.app.request.RequestChanges;
import diandan.app.request.ResidentLimits;
import diandan.app.request.TeamRouting;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.domain.ClockPolicy;
import diandan.domain.SubmissionLimits;

/** The demo registry in a test table, and an intake handler on it with the limits a test needs. */
final class IntakeFixture {
    private IntakeFixture() {
    }

    static IntakeHandler handler(LocalTable table, Clock clock, SubmissionLimits limits) {
        DynamoRegistryRepository registry = new DynamoRegistryRepository(table.client(), table.name());
        RegistryFile.load(RepoRoot.find().resolve("local/demo/registry.json"), registry);
        DynamoRequestRepository requests = new DynamoRequestRepository(table.client(), table.name());
        DynamoTeamLoadRepository loads = new DynamoTeamLoadRepository(table.client(), table.name());
        RegistryCache cache = new RegistryCache(registry, clock);
        ResidentLimits residentLimits = new ResidentLimits(limits,
                new DynamoResidentSlotRepository(table.client(), table.name()), requests);
        RequestChanges changes = new RequestChanges(requests, loads,
                new DynamoAlertRepository(table.client(), table.name()), cache, residentLimits,
                new DynamoPendingSettlements(table.client(), table.name()), clock);
        return new IntakeHandler(new IntakeService(changes, requests, cache, new TeamRouting(cache, loads),
                ClockPolicy::standard, residentLimits, clock));
    }
}
