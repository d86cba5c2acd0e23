package diandan.adapter;

import java.time.Clock;

import diandan.adapter.dynamodb.DynamoActivityRepository;
import diandan.adapter.crypto.IdentityKeys;
import diandan.adapter.dynamodb.DynamoCertificateIssuerStore;
import diandan.adapter.dynamodb.DynamoHoursRepository;
import diandan.adapter.dynamodb.DynamoCountLog;
import diandan.adapter.dynamodb.DynamoMerchantStore;
import diandan.adapter.dynamodb.DynamoRedemptionStore;
import diandan.adapter.dynamodb.DynamoPointsRuleStore;
import diandan.adapter.dynamodb.DynamoVolunteerRecordStore;
import diandan.adapter.dynamodb.DynamoSessionRepository;
import diandan.adapter.dynamodb.DynamoStarLevelStore;
import diandan.adapter.dynamodb.DynamoTallyRepository;
import diandan.app.records.CertificateIssuers;
import diandan.app.records.VolunteerRecords;
import diandan.app.hours.ActivityService;
import diandan.app.hours.HoursCertification;
import diandan.app.hours.HoursExport;
import diandan.app.hours.HoursListing;
import diandan.app.hours.HoursRecorder;
import diandan.app.hours.HoursRollup;
import diandan.app.hours.TallyService;
import diandan.app.hours.VolunteerHours;
import diandan.app.points.ExactCount;
import diandan.app.points.Merchants;
import diandan.app.points.PointsAccounts;
import diandan.app.points.PointsEarning;
import diandan.app.points.Redemptions;
import diandan.app.points.PointsRuleService;
import diandan.app.registry.RegistryTeamRoster;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionAttendance;
import diandan.app.sessions.SessionCertification;
import diandan.app.sessions.SessionService;
import diandan.app.stars.StarLevelService;
import diandan.port.registry.TeamRoster;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The hours use cases on the DynamoDB adapters, next to the shared {@link Wiring} (requests, registry). */
public final class HoursWiring {
    public final Wiring base;
    public final TeamRoster roster;
    public final DynamoHoursRepository records;
    public final DynamoTallyRepository tallyStore;
    public final ActivityService activities;
    public final HoursRecorder recorder;
    public final HoursCertification certification;
    public final HoursListing listing;
    public final VolunteerHours volunteerHours;
    public final HoursExport export;
    public final TallyService tallies;
    public final HoursRollup rollup;
    public final SessionService sessions;
    public final SessionCertification sessionCertification;
    public final SessionAttendance attendance;
    public final CheckIns checkIns;
    public final StarLevelService stars;
    public final PointsRuleService pointsRule;
    public final PointsAccounts points;
    public final PointsEarning earning;
    public final Merchants merchants;
    public final Redemptions redemptions;
    /** Who issues each district's certificates: the organisation, its person in charge, handler and contact. */
    public final CertificateIssuers certificateIssuers;
    /** Each volunteer's trainings and awards. */
    public final VolunteerRecords volunteerRecords;

    public HoursWiring(DynamoDbClient client, String table, Clock clock) {
        this(new Wiring(client, table, clock, IdentityKeys.openingFromEnvironment(client, table)), HoursRollup.Settings.standard());
    }

    public HoursWiring(Wiring base, HoursRollup.Settings rollupSettings) {
        this.base = base;
        this.roster = new RegistryTeamRoster(base.registry, base.registryStore);
        this.records = new DynamoHoursRepository(base.client, base.table);
        this.tallyStore = new DynamoTallyRepository(base.client, base.table);
        DynamoActivityRepository activityStore = new DynamoActivityRepository(base.client, base.table);
        this.activities = new ActivityService(activityStore, base.registry, roster, base.clock);
        this.recorder = new HoursRecorder(records, base.requests, activityStore, roster, base.registry, base.clock);
        this.certification = new HoursCertification(records, base.registry, base.events, base.clock);
        this.listing = new HoursListing(records, base.registry);
        this.stars = new StarLevelService(new DynamoStarLevelStore(base.client, base.table));
        this.certificateIssuers = new CertificateIssuers(new DynamoCertificateIssuerStore(base.client, base.table),
                base.registry);
        this.volunteerRecords = new VolunteerRecords(new DynamoVolunteerRecordStore(base.client, base.table), roster,
                base.registry, base.clock);
        this.volunteerHours = new VolunteerHours(records, roster, base.registry, stars, certificateIssuers, base.clock);
        this.export = new HoursExport(records, roster, base.registry, base.identities);
        this.tallies = new TallyService(tallyStore, base.registry, stars);
        this.pointsRule = new PointsRuleService(new DynamoPointsRuleStore(base.client, base.table));
        DynamoCountLog logs = new DynamoCountLog(base.client, base.table, Merchants::readTogether);
        ExactCount count = new ExactCount(logs, base.clock);
        this.points = new PointsAccounts(count, logs, roster, base.registry);
        this.earning = new PointsEarning(points, tallyStore, stars, pointsRule);
        this.merchants = new Merchants(new DynamoMerchantStore(base.client, base.table), count, base.registry,
                base.clock);
        this.redemptions = new Redemptions(new DynamoRedemptionStore(base.client, base.table), merchants, points,
                pointsRule, stars, tallyStore, base.registry, Redemptions.RANDOM_CODES, base.clock);
        this.rollup = new HoursRollup(tallyStore, tallyStore, records, stars, earning, base.events, rollupSettings,
                base.clock);
        DynamoSessionRepository sessionStore = new DynamoSessionRepository(base.client, base.table);
        this.sessions = new SessionService(sessionStore, activityStore, base.registry, base.clock);
        this.checkIns = new CheckIns(sessionStore, sessions, recorder, base.registry, base.clock);
        this.sessionCertification = new SessionCertification(sessionStore, sessions, certification, base.registry);
        this.attendance = new SessionAttendance(sessionStore, sessions, records, base.registry);
    }
}
