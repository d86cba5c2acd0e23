package diandan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import diandan.adapter.HoursWiring;
import diandan.adapter.RegistryFile;
import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoTeamLoadRepository;
import diandan.adapter.http.Claims;
import diandan.adapter.json.Json;
import diandan.app.hours.ActivityService;
import diandan.app.hours.HoursRecorder;
import diandan.app.hours.HoursRollup;
import diandan.app.request.NewRequest;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionService;
import diandan.devkit.ApiEvents;
import diandan.devkit.Dynalite;
import diandan.devkit.RepoRoot;
import diandan.devkit.StoreProbe;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.devkit.WriteCost;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.hours.Activity;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.ServiceDates;
import diandan.domain.sessions.Session;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole system in this JVM on one table holding the demo district: every function of the template, built
 * like Lambda builds it (the handler's constructor on a client, the table, the system clock) and invoked like
 * Lambda invokes it ({@link LambdaRuntime}), twice over: on a plain client for timings and on a
 * {@link StoreProbe metered} one for costs. Next to them, the use cases on the plain client, to set up what a call
 * needs (a request to accept, a record to certify) outside what is measured.
 */
final class Desk {
    static final Map<String, String> ADMIN = ApiEvents.admin("admin-bench");
    /** A dispatcher of the whole district: sees and may act on everything. */
    static final Map<String, String> DISPATCHER = ApiEvents.dispatcher("dispatcher-bench", "weicheng");
    /** A team of the demo district with room, members and a community of its own (新北 涓滴绿). */
    static final String TEAM = "xinbei-juandilv";
    static final String COMMUNITY = "xinbei";
    /** Where the team's sessions meet (that of the event files). */
    static final double SESSION_LATITUDE = 34.3412;
    static final double SESSION_LONGITUDE = 108.9398;

    final Template template = Template.load();
    final String table;
    final DynamoDbClient client;
    final StoreProbe meter;
    private final DynamoDbClient meteredClient;
    final Wiring wiring;
    final HoursWiring hours;
    private final Map<String, LambdaRuntime> plain = new LinkedHashMap<>();
    private final Map<String, LambdaRuntime> metered = new LinkedHashMap<>();
    private final Map<String, Activity> activities = new HashMap<>();
    /** Records so far per team and member: each goes against a new activity of the team. */
    private final Map<String, Integer> rounds = new HashMap<>();
    private int nextMember;
    private int nextAttendee;

    Desk(Dynalite engine, String table) {
        this.table = table;
        this.client = engine.client();
        TableDefinition.fromTemplate(template).ensureCreated(client, table);
        RegistryFile.load(RepoRoot.find().resolve("local/demo/registry.json"), new DynamoRegistryRepository(client, table));
        this.meter = StoreProbe.on(engine, client).metered(new WriteCost(TableDefinition.fromTemplate(template))).build();
        this.meteredClient = meter.client();
        this.wiring = new Wiring(client, table, Clock.systemUTC());
        this.hours = new HoursWiring(wiring, HoursRollup.Settings.standard());
        for (Template.Function function : template.functions()) {
            plain.put(function.logicalId(), new LambdaRuntime(handler(function, client)));
            metered.put(function.logicalId(), new LambdaRuntime(handler(function, meteredClient)));
        }
    }

    private Object handler(Template.Function function, DynamoDbClient on) {
        try {
            return Class.forName(function.handlerClass()).getConstructor(DynamoDbClient.class, String.class, Clock.class)
                    .newInstance(on, table, Clock.systemUTC());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + function.logicalId(), e);
        }
    }

    /**
     * One invocation of the function by a container that has just started: a new handler on the metered client,
     * its caches empty (the registry, the clock policy, the calendars). The answer's bytes.
     */
    byte[] invokeFirst(String functionId, byte[] event) {
        Template.Function function = template.functions().stream().filter(f -> f.logicalId().equals(functionId))
                .findFirst().orElseThrow();
        return new LambdaRuntime(handler(function, meteredClient)).invoke(event);
    }

    /** One invocation of a function, on the plain or the metered client; the answer's bytes. */
    byte[] invoke(String functionId, byte[] event, boolean metering) {
        return (metering ? metered : plain).get(functionId).invoke(event);
    }

    // ---- claims --------------------------------------------------------------------------------------------

    static Map<String, String> leader(String team) {
        return ApiEvents.claims("u-leader-" + team, "team_leader volunteer", team, null, null);
    }

    static Map<String, String> volunteer(String volunteerId) {
        return ApiEvents.claims("volunteer-" + volunteerId, "volunteer", null, null, volunteerId);
    }

    /** A dispatcher of the team's own area: one who may certify its hours. */
    Map<String, String> dispatcherOf(String teamId) {
        return ApiEvents.dispatcher("dispatcher-bench", wiring.registry.get().team(teamId).orElseThrow().areaIds().get(0));
    }

    static Caller caller(Map<String, String> claims) {
        return Claims.caller(claims);
    }

    // ---- requests, set up through the use cases ------------------------------------------------------------

    /** A request a resident of their own (no earlier ones, so no limit in the way) submits in the app. */
    ServiceRequest submit(String category, String community) {
        return wiring.intake.submit(caller(ApiEvents.resident("resident-" + UUID.randomUUID())), form(category, community, "app"),
                null).request();
    }

    /** A request routed to a team now (the team that serves elderly care in 新北 with the most room). */
    ServiceRequest routed() {
        ServiceRequest request = submit("elderly_care", COMMUNITY);
        if (request.teamId() == null) {
            throw new IllegalStateException("no team took the request: " + request.status());
        }
        return request;
    }

    ServiceRequest accepted() {
        ServiceRequest request = routed();
        return wiring.dispatch.accept(caller(leader(request.teamId())), request.id(), null);
    }

    ServiceRequest resolved() {
        ServiceRequest request = accepted();
        return wiring.dispatch.resolve(caller(leader(request.teamId())), request.id(), null, "已上门服务");
    }

    /** Accepted, then held by its team, waiting for the resident's information. */
    ServiceRequest held() {
        ServiceRequest request = accepted();
        return wiring.holds.hold(caller(leader(request.teamId())), request.id(), null, "awaiting_information");
    }

    ServiceRequest wish() {
        return wiring.intake.submit(caller(ApiEvents.resident("resident-" + UUID.randomUUID())),
                form("elderly_care", COMMUNITY, "wish_wall"), null).request();
    }

    /**
     * Ends the request if it is still open (cancelled), so that its team has the same room for the next call,
     * and lets its teams forget it as they would a quarter hour later: the benchmark ends hundreds of requests
     * a minute, a real team a few a day, and the tombstones would otherwise make every load write kilobytes.
     */
    void finish(String requestId) {
        ServiceRequest request = wiring.requests.find(requestId).orElseThrow();
        if (request.status().isOpen()) {
            request = wiring.intake.cancel(caller(ADMIN), requestId, null, "benchmark");
        }
        DynamoTeamLoadRepository loads = (DynamoTeamLoadRepository) wiring.loads;
        request.teamHistory().forEach(team -> loads.removeTombstones(team, Instant.now().plus(Duration.ofDays(1))));
    }

    static NewRequest form(String category, String community, String channel) {
        return new NewRequest(category, "独居老人需要每周代购生活用品", community, "新北社区3号楼2单元501", "张桂兰", "13812345678",
                channel, null, null);
    }

    // ---- hours ---------------------------------------------------------------------------------------------

    /** Whose hours to record next, against what: a member of a team, and an activity of that team. */
    record Turn(String team, String member, Activity activity) {
        /** The day the activity is on: the date hours against it are recorded for. */
        LocalDate day() {
            return ServiceDates.dateOf(activity.start());
        }
    }

    /**
     * Teams and members in turn, so nobody nears the 24-hour day; a member's n-th record against the team's n-th
     * activity, since a volunteer has one record per source.
     */
    Turn nextTurn() {
        List<String[]> members = new ArrayList<>();
        for (Team team : wiring.registry.fresh().teams()) { // fresh: the routes measured change teams' members
            team.members().forEach(member -> members.add(new String[] {team.id(), member}));
        }
        String[] member = members.get(nextMember++ % members.size());
        int round = rounds.merge(member[0] + "#" + member[1], 1, Integer::sum);
        Activity activity = activities.computeIfAbsent(member[0] + "#" + round, key -> activityOf(member[0]));
        return new Turn(member[0], member[1], activity);
    }

    /** A new activity of the team, of the last two hours: a source hours may be recorded against. */
    private Activity activityOf(String team) {
        Team definition = wiring.registry.get().team(team).orElseThrow();
        Instant now = Instant.now();
        return hours.activities.create(caller(leader(team)), new ActivityService.NewActivity("社区志愿服务",
                definition.categories().get(0), communityOf(definition), now.minus(Duration.ofHours(2)).toString(),
                now.minus(Duration.ofHours(1)).toString(), null), null).activity();
    }

    /** An activity of {@link #TEAM} running from an hour ago until tomorrow: room for sessions about to start. */
    Activity sessionActivity() {
        Instant now = Instant.now();
        return hours.activities.create(caller(leader(TEAM)), new ActivityService.NewActivity("新北社区冬季健康义诊",
                "elderly_care", COMMUNITY, now.minus(Duration.ofHours(1)).toString(), now.plus(Duration.ofDays(1)).toString(),
                null), null).activity();
    }

    /**
     * Members of the registry's teams in turn: a session's next attendee. Each pair of check-in and check-out drafts
     * half an hour at least, so turns keep everyone far from 24 hours a day.
     */
    String nextAttendee() {
        List<String> members = wiring.registry.get().teams().stream().flatMap(team -> team.members().stream())
                .distinct().sorted().toList();
        return members.get(nextAttendee++ % members.size());
    }

    /** How far a volunteer has gone in a session. */
    enum Stage { NONE, SIGNED_UP, CHECKED_IN, CHECKED_OUT }

    /**
     * A new session of a new {@link #sessionActivity}, starting in half an hour (sign-ups open, and check-in, which
     * opens an hour ahead) at the team's meeting point, with the volunteer brought to the stage on site.
     */
    Session session(String volunteer, Stage stage) {
        Instant start = Instant.now().plus(Duration.ofMinutes(30));
        Session session = hours.sessions.create(caller(leader(TEAM)), sessionActivity().id(), new SessionService.NewSession(
                start.toString(), start.plus(Duration.ofHours(2)).toString(), "新北社区卫生服务站", SESSION_LATITUDE,
                SESSION_LONGITUDE, 200, 20, false), null).session();
        if (stage == Stage.NONE) {
            return session;
        }
        Caller member = caller(volunteer(volunteer));
        hours.sessions.signUp(member, session.id());
        CheckIns.Proof onSite = new CheckIns.Proof(null, SESSION_LATITUDE, SESSION_LONGITUDE);
        if (stage.compareTo(Stage.CHECKED_IN) >= 0) {
            hours.checkIns.checkIn(member, session.id(), onSite);
        }
        if (stage == Stage.CHECKED_OUT) {
            hours.checkIns.checkOut(member, session.id(), onSite);
        }
        return session;
    }

    /** A pending record of half an hour for the turn's member. */
    HoursRecord record(Turn turn) {
        return hours.recorder.record(caller(leader(turn.team())), new HoursRecorder.NewHours("activity", turn.activity().id(),
                List.of(new HoursRecorder.Entry(turn.member(), 0.5, turn.day().toString(), null, null))), null)
                .records().get(0);
    }

    /** Certified by a dispatcher of its team's area: the district's own sees none of another district's teams. */
    HoursRecord certified(HoursRecord record) {
        return hours.certification.certify(caller(dispatcherOf(record.teamId())), record.id());
    }

    /** A community the team covers: its own, or the first under the street or district it covers. */
    private String communityOf(Team team) {
        var registry = wiring.registry.get();
        return registry.areas().stream().filter(a -> a.type() == AreaType.COMMUNITY)
                .filter(a -> team.areaIds().stream().anyMatch(covered -> registry.isWithin(a.id(), covered)))
                .findFirst().orElseThrow().id();
    }

    // ---- answers -------------------------------------------------------------------------------------------

    /** The JSON body of an HTTP answer; a missing node when it has none (a 204). */
    static JsonNode body(byte[] answer) {
        try {
            String body = Json.read(answer).path("body").asText();
            return body.isEmpty() ? MissingNode.getInstance() : Json.read(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
