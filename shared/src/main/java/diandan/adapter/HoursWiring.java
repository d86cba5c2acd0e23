package diandan.adapter;

import java.time.Clock;

import diandan.adapter.dynamodb.DynamoActivityRepository;
import diandan.adapter.dynamodb.DynamoHoursRepository;
import diandan.adapter.dynamodb.DynamoTallyRepository;
import diandan.app.ActivityService;
import diandan.app.HoursRollup;
import diandan.app.HoursService;
import diandan.app.TallyService;
import diandan.app.registry.RegistryTeamRoster;
import diandan.port.registry.TeamRoster;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The hours use cases on the DynamoDB adapters, next to the shared {@link Wiring} (requests, registry). */
public final class HoursWiring {
    public final Wiring base;
    public final TeamRoster roster;
    public final DynamoHoursRepository records;
    public final DynamoTallyRepository tallyStore;
    public final ActivityService activities;
    public final HoursService hours;
    public final TallyService tallies;
    public final HoursRollup rollup;

    public HoursWiring(DynamoDbClient client, String table, Clock clock) {
        this(new Wiring(client, table, clock), HoursRollup.Settings.standard());
    }

    public HoursWiring(Wiring base, HoursRollup.Settings rollupSettings) {
        this.base = base;
        this.roster = new RegistryTeamRoster(base.registry, base.registryStore);
        this.records = new DynamoHoursRepository(base.client, base.table);
        this.tallyStore = new DynamoTallyRepository(base.client, base.table);
        DynamoActivityRepository activityStore = new DynamoActivityRepository(base.client, base.table);
        this.activities = new ActivityService(activityStore, base.registry, roster, base.clock);
        this.hours = new HoursService(records, base.requests, activityStore, roster, base.registry, base.clock);
        this.tallies = new TallyService(tallyStore, base.registry);
        this.rollup = new HoursRollup(tallyStore, records, rollupSettings, base.clock);
    }
}
