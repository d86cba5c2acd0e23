package diandan.local.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.RegistryFile;
import diandan.adapter.Wiring;
import diandan.adapter.dynamodb.DynamoCalendarRepository;
import diandan.adapter.dynamodb.DynamoHoursRepository;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.dynamodb.DynamoTallyRepository;
import diandan.adapter.http.CalendarFields;
import diandan.adapter.json.Json;
import diandan.adapter.log.Log;
import diandan.devkit.ApiEvents;
import diandan.devkit.Dynalite;
import diandan.devkit.MutableClock;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.domain.Registry;
import diandan.domain.RequestStatus;
import diandan.domain.RoutingOrder;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.TeamLoad;
import diandan.port.Page;
import diandan.port.notify.EventPublisher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One run of a scenario: a throwaway dynalite table with the district, the template's functions on a virtual
 * clock, and a discrete-event loop that submits the day's requests, plays the teams, the dispatcher and the
 * certifiers, and fires the schedules at their virtual times. Every change goes through a handler; the store is
 * read only to see what a person at the desk would see. Reproducible from the seed: one random stream for the
 * demand, drawn up front, and one for behaviour, drawn in event order.
 */
public final class Simulation implements AutoCloseable {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String DISTRICT = "weicheng";
    /** How often the queue and the loads are sampled for the charts. */
    static final Duration SAMPLE_EVERY = Duration.ofMinutes(10);
    /** After the last day, the schedules run this long more so that the rollup catches up with certifications. */
    static final Duration SETTLE = Duration.ofMinutes(15);
    private static final String PHONE = "13812345678";

    /** What the simulation knows of one request it submitted. */
    static final class Tracked {
        final int n;
        final String category;
        final String community;
        final String channel;
        final Instant submittedAt;
        String id;
        String team;
        boolean accepted;
        boolean resolved;
        boolean awaitingRespond;

        Tracked(int n, String category, String community, String channel, Instant submittedAt) {
            this.n = n;
            this.category = category;
            this.community = community;
            this.channel = channel;
            this.submittedAt = submittedAt;
        }
    }

    /** One sample of the desk: unrouted queue, open wishes, requests with teams, teams at capacity. */
    record Sample(Instant at, int unrouted, int withTeams, int teamsAtCapacity) {
    }

    private record Event(Instant at, long seq, Runnable action) {
    }

    private final Scenario scenario;
    private final Duration length;
    private final Dynalite engine;
    /** Stops the engine when the JVM is stopped mid-run (Ctrl-C), so that no dynalite outlives the command. */
    private final Thread stopEngine;
    final DynamoDbClient client;
    final String table;
    final MutableClock clock;
    final Wiring wiring;
    final Registry registry;
    final Desk desk;
    final Instant start;
    final Instant end;
    private final Random behaviour;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            Comparator.comparing(Event::at).thenComparingLong(Event::seq));
    private long seq;
    final List<Tracked> requests = new ArrayList<>();
    final List<String> hoursRecords = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();
    /** Per team, its highest open/capacity and when it first reached capacity. */
    final Map<String, Double> peakUtilisation = new LinkedHashMap<>();
    final Map<String, Instant> firstFull = new LinkedHashMap<>();
    final Map<String, Team> teams = new LinkedHashMap<>();
    final List<String> refused = new ArrayList<>();
    long wallNanos;

    private Simulation(Path root, Scenario scenario, Duration length) {
        this.scenario = scenario;
        this.length = length;
        this.start = scenario.start().atZone(BEIJING).toInstant();
        this.end = start.plus(length);
        this.clock = new MutableClock(start);
        Template template = Template.load(root.resolve("template.yaml"));
        TableDefinition definition = TableDefinition.fromTemplate(template);
        this.table = "simulation";
        this.engine = Dynalite.start(Dynalite.freePort(), null);
        this.stopEngine = new Thread(engine::close, "simulation-engine-stop");
        Runtime.getRuntime().addShutdownHook(stopEngine);
        this.client = engine.client();
        definition.ensureCreated(client, table);
        loadDistrict(root);
        Log.sink(line -> { });
        this.wiring = new Wiring(client, table, clock, (EventPublisher) null);
        this.registry = wiring.registry.fresh();
        registry.teams().stream().filter(Team::active).forEach(t -> teams.put(t.id(), t));
        this.desk = new Desk(template, client, table, clock, start);
        this.behaviour = new Random(scenario.seed() * 31 + 7);
    }

    /** Runs {@code scenario} for its days (or {@code length}, when not null) and checks the invariants. */
    public static Outcome run(Path root, Scenario scenario, Duration length) {
        return run(root, scenario, length, simulation -> { });
    }

    /** @param beforeChecks what happens to the store between the run and the invariant checks (a test's plant) */
    static Outcome run(Path root, Scenario scenario, Duration length, Consumer<Simulation> beforeChecks) {
        Duration span = length == null ? Duration.ofDays(scenario.days()) : length;
        try (Simulation simulation = new Simulation(root, scenario, span)) {
            return simulation.play(beforeChecks);
        }
    }

    /** The registry (levers applied: capacity, twin teams) and the calendars, loaded as a deployment's seed loads them. */
    private void loadDistrict(Path root) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode file = (ObjectNode) mapper.readTree(root.resolve(scenario.registry()).toFile());
            Scenario.Levers levers = scenario.levers();
            ArrayNode twins = mapper.createArrayNode();
            for (JsonNode team : file.withArray("teams")) {
                ObjectNode t = (ObjectNode) team;
                t.put("capacity", (int) Math.ceil(t.path("capacity").asInt() * levers.capacityFactor()));
                if (levers.twinTeams() && !t.path("areaIds").toString().contains("\"" + DISTRICT + "\"")) {
                    ObjectNode twin = t.deepCopy();
                    twin.put("id", t.path("id").asText() + "-b");
                    twin.put("name", t.path("name").asText() + "（二队）");
                    twin.set("leaders", mapper.createArrayNode().add("u-leader-" + t.path("id").asText() + "-b"));
                    twins.add(twin);
                }
            }
            if (levers.twinTeams()) {
                // the twin's members: a copy of each volunteer of the original team, with an id of its own
                ArrayNode volunteers = file.withArray("volunteers");
                List<ObjectNode> copies = new ArrayList<>();
                for (JsonNode v : volunteers) {
                    for (JsonNode teamId : v.path("teamIds")) {
                        ObjectNode copy = mapper.createObjectNode();
                        copy.put("id", v.path("id").asText() + "b" + copies.size());
                        copy.put("name", v.path("name").asText());
                        copy.put("phone", v.path("phone").asText());
                        copy.set("teamIds", mapper.createArrayNode().add(teamId.asText() + "-b"));
                        if (twins.findValuesAsText("id").contains(teamId.asText() + "-b")) {
                            copies.add(copy);
                        }
                    }
                }
                copies.forEach(volunteers::add);
                twins.forEach(file.withArray("teams")::add);
            }
            Path registryFile = Files.createTempFile("simulation-registry", ".json");
            try {
                Files.writeString(registryFile, mapper.writeValueAsString(file));
                RegistryFile.load(registryFile, new DynamoRegistryRepository(client, table));
            } finally {
                Files.deleteIfExists(registryFile);
            }
            DynamoCalendarRepository calendars = new DynamoCalendarRepository(client, table);
            for (Map.Entry<String, String> calendar : scenario.calendars().entrySet()) {
                calendars.put(calendar.getKey(), CalendarFields.calendarIn(Files.readString(root.resolve(calendar.getValue()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the district: " + e.getMessage(), e);
        }
    }

    private Outcome play(Consumer<Simulation> beforeChecks) {
        long started = System.nanoTime();
        Scenario.Levers levers = scenario.levers();
        if (levers.clocks() != null) {
            for (String channel : scenario.demand().channels().keySet()) {
                ObjectNode body = Json.object();
                body.putObject("clocks").put("respondMinutes", levers.clocks()[0])
                        .put("replyMinutes", levers.clocks()[1]).put("resolveMinutes", levers.clocks()[2]);
                require(desk.call("PUT /clock-policy/channels/{channel}", ApiEvents.admin("sim-admin"),
                        Map.of("channel", channel), body, null), "set the clocks of " + channel);
            }
        }
        scheduleDemand();
        for (Instant at = start; at.isBefore(end); at = at.plus(Duration.ofMinutes(scenario.dispatcher().everyMinutes()))) {
            Instant round = at;
            if (onDuty(round, scenario.dispatcher().duty())) {
                at(round, this::dispatchWaiting);
            }
        }
        for (Instant at = start; !at.isAfter(end); at = at.plus(SAMPLE_EVERY)) {
            Instant when = at;
            at(when, () -> sample(when));
        }
        runUntil(end);
        queue.clear();
        runUntil(end.plus(SETTLE));
        wallNanos = System.nanoTime() - started;
        beforeChecks.accept(this);
        return Outcome.of(this, scenario, Invariants.check(this));
    }

    /** Events and schedule ticks in time order up to {@code until}; at one instant the schedules fire first. */
    private void runUntil(Instant until) {
        while (true) {
            Desk.Schedule tick = desk.schedules().stream().min(Comparator.comparing(s -> s.next)).orElse(null);
            Event event = queue.peek();
            Instant nextTick = tick == null ? Instant.MAX : tick.next;
            Instant nextEvent = event == null ? Instant.MAX : event.at();
            Instant next = nextTick.isAfter(nextEvent) ? nextEvent : nextTick;
            if (next.isAfter(until)) {
                clock.set(until);
                return;
            }
            clock.set(next);
            if (!nextTick.isAfter(nextEvent)) {
                desk.fire(tick);
                if (tick.functionId.equals("EscalationFunction")) {
                    afterSweep();
                }
            } else {
                queue.poll().action().run();
            }
        }
    }

    private void at(Instant at, Runnable action) {
        queue.add(new Event(at, seq++, action));
    }

    // ---- demand -----------------------------------------------------------------------------------------------

    /** Every submission of the run, drawn up front from the seed: Poisson counts per hour, uniform in the hour. */
    private void scheduleDemand() {
        Random demand = new Random(scenario.seed());
        Scenario.Demand d = scenario.demand();
        double perDay = scenario.baseRequestsPerDay() * scenario.scale();
        double weights = 0;
        for (double w : d.hourly()) {
            weights += w;
        }
        int n = 0;
        for (Instant hour = start; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            int local = ZonedDateTime.ofInstant(hour, BEIJING).getHour();
            int count = poisson(demand, perDay * d.hourly()[local] / weights);
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                offsets.add((long) (demand.nextDouble() * 3_600_000));
            }
            offsets.sort(null);
            for (long offset : offsets) {
                Tracked request = new Tracked(n++, pick(demand, d.categories()), pick(demand, d.communities()),
                        pick(demand, d.channels()), hour.plusMillis(offset));
                requests.add(request);
                at(request.submittedAt, () -> submit(request));
            }
        }
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private static String pick(Random random, Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double draw = random.nextDouble() * total;
        String last = null;
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            last = entry.getKey();
            draw -= entry.getValue();
            if (draw < 0) {
                return last;
            }
        }
        return last;
    }

    private Duration draw(Scenario.Spread spread) {
        double minutes = spread.median() * Math.exp(spread.sigma() * behaviour.nextGaussian());
        return Duration.ofSeconds(Math.max(1, Math.round(minutes * 60)));
    }

    // ---- the desk's people ------------------------------------------------------------------------------------

    private void submit(Tracked request) {
        boolean operated = request.channel.equals("hotline") || request.channel.equals("walk_in");
        Map<String, String> caller = operated ? ApiEvents.dispatcher("sim-operator", districtOf(request.community))
                : ApiEvents.resident("sim-resident-" + request.n);
        ObjectNode body = Json.object().put("category", request.category)
                .put("description", "模拟请求 " + request.n + "：" + request.category)
                .put("communityId", request.community).put("address", "模拟地址 " + request.n + " 号")
                .put("contactName", "模拟居民").put("contactPhone", PHONE).put("channel", request.channel);
        Desk.Answer answer = desk.call("POST /requests", caller, null, body, "sim-" + request.n);
        if (!answer.ok()) {
            refused.add("POST /requests " + answer.status() + " " + request.category + "@" + request.community
                    + ": " + (answer.body() == null ? "" : answer.body().path("detail").asText()));
            return;
        }
        request.id = answer.body().path("id").asText();
        follow(request);
    }

    /** Reads the request as the desk shows it and sets the next step of whoever holds it now. */
    private void follow(Tracked request) {
        ServiceRequest now = wiring.requests.find(request.id).orElseThrow();
        if (now.status() == RequestStatus.DISPATCHED && now.teamId() != null && !now.teamId().equals(request.team)) {
            request.team = now.teamId();
            request.awaitingRespond = now.sla().isPending(diandan.domain.SlaClock.RESPOND);
            String team = now.teamId();
            at(onDutyFrom(clock.instant(), scenario.teams().duty()).plus(draw(scenario.teams().acceptMinutes())),
                    () -> look(request, team));
        } else if (now.status() == RequestStatus.OPEN_WISH && request.team == null) {
            at(onDutyFrom(clock.instant(), scenario.teams().duty()).plus(draw(scenario.teams().wishClaimMinutes())),
                    () -> claim(request));
        } else if (now.status() == RequestStatus.UNROUTED) {
            request.team = null;
        }
    }

    /** A team looks at a request dispatched to it: declines it (the scenario's share) or accepts it. */
    private void look(Tracked request, String team) {
        ServiceRequest now = wiring.requests.find(request.id).orElseThrow();
        if (now.status() != RequestStatus.DISPATCHED || !team.equals(now.teamId())) {
            return;
        }
        Map<String, String> leader = leader(team);
        if (behaviour.nextDouble() < scenario.teams().declineShare()) {
            Desk.Answer answer = desk.call("POST /requests/{id}/decline", leader, Map.of("id", request.id),
                    Json.object().put("reason", "模拟：队员不足"), null);
            if (answer.ok()) {
                follow(request);
            }
            return;
        }
        if (!desk.call("POST /requests/{id}/accept", leader, Map.of("id", request.id), null, null).ok()) {
            return;
        }
        request.accepted = true;
        request.awaitingRespond = false;
        Instant accepted = clock.instant();
        at(accepted.plus(draw(scenario.teams().replyMinutes())), () -> desk.call("POST /requests/{id}/reply", leader,
                Map.of("id", request.id), Json.object().put("message", "模拟：已联系，安排上门"), null));
        at(onDutyFrom(accepted.plus(draw(scenario.teams().resolveMinutes())), scenario.teams().duty()),
                () -> resolve(request, team));
    }

    private void resolve(Tracked request, String team) {
        Map<String, String> leader = leader(team);
        desk.call("POST /requests/{id}/start", leader, Map.of("id", request.id), null, null);
        if (desk.call("POST /requests/{id}/resolve", leader, Map.of("id", request.id),
                Json.object().put("summary", "模拟：服务完成"), null).ok()) {
            request.resolved = true;
            at(clock.instant().plus(Duration.ofMinutes(30)), () -> recordHours(request, team));
        }
    }

    /** The leader records the volunteers' hours for the served request; a certifier certifies them later. */
    private void recordHours(Tracked request, String team) {
        List<String> members = new ArrayList<>(teams.get(team).members());
        if (members.isEmpty()) {
            return;
        }
        int count = scenario.teams().minVolunteers()
                + behaviour.nextInt(scenario.teams().maxVolunteers() - scenario.teams().minVolunteers() + 1);
        ArrayNode entries = Json.array();
        String date = LocalDate.ofInstant(clock.instant(), BEIJING).toString();
        for (int i = 0; i < Math.min(count, members.size()); i++) {
            String volunteer = members.remove(behaviour.nextInt(members.size()));
            double hours = Math.max(0.5, Math.round(draw(scenario.teams().hoursPerVolunteer()).toSeconds() / 60.0 * 2) / 2.0);
            entries.addObject().put("volunteerId", volunteer).put("hours", Math.min(hours, 8)).put("date", date)
                    .put("role", "模拟服务");
        }
        ObjectNode body = Json.object();
        body.putObject("source").put("type", "request").put("id", request.id);
        body.set("entries", entries);
        Desk.Answer answer = desk.call("POST /hours", leader(team), null, body, "sim-hours-" + request.n);
        if (!answer.ok()) {
            refused.add("POST /hours " + answer.status() + ": " + answer.body().path("detail").asText());
            return;
        }
        for (JsonNode record : answer.body().path("items")) {
            String id = record.path("id").asText();
            hoursRecords.add(id);
            at(clock.instant().plus(draw(scenario.certifyAfterMinutes())), () -> desk.call("POST /hours/{id}/certify",
                    ApiEvents.admin("sim-certifier"), Map.of("id", id), null, null));
        }
    }

    /** A wish on the wall: a team that may claim it does, or it waits for another look. */
    private void claim(Tracked request) {
        ServiceRequest now = wiring.requests.find(request.id).orElseThrow();
        if (now.status() != RequestStatus.OPEN_WISH) {
            return;
        }
        List<String> candidates = RoutingOrder.candidates(now, registry);
        Map<String, TeamLoad> loads = wiring.loads.loads(candidates);
        List<String> eligible = candidates.stream().filter(id -> teams.containsKey(id)
                && RoutingOrder.eligibility(teams.get(id), now, loads.getOrDefault(id, TeamLoad.idle(id)))
                == RoutingOrder.Eligibility.ELIGIBLE).toList();
        if (eligible.isEmpty()) {
            at(clock.instant().plus(draw(scenario.teams().wishClaimMinutes())), () -> claim(request));
            return;
        }
        String team = eligible.get(behaviour.nextInt(eligible.size()));
        if (desk.call("POST /wishes/{id}/claim", leader(team), Map.of("id", request.id),
                Json.object().put("teamId", team), null).ok()) {
            follow(request);
        }
    }

    /**
     * The dispatcher's round: each request in the waiting queue sent to the team that could take it with the
     * most room (over capacity if need be, with a reason), or, when no team serves its category there, to the
     * least loaded team of its street or district.
     */
    private void dispatchWaiting() {
        List<ServiceRequest> waiting = new ArrayList<>();
        String cursor = null;
        do {
            Page<ServiceRequest> page = wiring.requests.waiting(100, cursor);
            waiting.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        for (ServiceRequest copy : waiting) {
            ServiceRequest request = wiring.requests.find(copy.id()).orElseThrow();
            if (request.status() != RequestStatus.UNROUTED) {
                continue;
            }
            List<String> choices = RoutingOrder.candidates(request, registry).stream()
                    .filter(teams::containsKey).filter(id -> !request.declinedTeams().contains(id)).toList();
            if (choices.isEmpty()) {
                choices = teams.values().stream().filter(t -> t.areaIds().stream()
                        .anyMatch(a -> request.area().contains(a))).map(Team::id)
                        .filter(id -> !request.declinedTeams().contains(id)).toList();
            }
            if (choices.isEmpty()) {
                continue;
            }
            Map<String, TeamLoad> loads = wiring.loads.loads(choices);
            String team = choices.stream().min(Comparator.comparingDouble((String id) ->
                    (double) loads.getOrDefault(id, TeamLoad.idle(id)).openCount() / teams.get(id).capacity())
                    .thenComparing(id -> id)).orElseThrow();
            Desk.Answer answer = desk.call("POST /requests/{id}/dispatch", ApiEvents.dispatcher("sim-dispatcher",
                            request.area().districtId()),
                    Map.of("id", request.id()), Json.object().put("teamId", team).put("reason", "模拟：调度员派单"), null);
            if (answer.ok()) {
                requests.stream().filter(t -> request.id().equals(t.id)).findFirst().ifPresent(this::follow);
            }
        }
    }

    /** Each district has its own desk: its operators take calls and its dispatchers work its queue. */
    private String districtOf(String communityId) {
        return registry.districtOf(communityId).orElseThrow();
    }

    /** After a sweep: requests whose respond deadline passed may have left their silent team. */
    private void afterSweep() {
        Instant now = clock.instant();
        for (Tracked request : requests) {
            if (request.awaitingRespond && request.id != null) {
                ServiceRequest stored = wiring.requests.find(request.id).orElseThrow();
                if (!stored.sla().respondBy().isAfter(now)) {
                    request.awaitingRespond = false;
                    follow(request);
                }
            }
        }
    }

    private void sample(Instant at) {
        long started = System.nanoTime();
        try {
            takeSample(at);
        } finally {
            desk.nanos.merge("(sampling)", System.nanoTime() - started, Long::sum);
        }
    }

    private void takeSample(Instant at) {
        int unrouted = 0;
        String cursor = null;
        do {
            Page<ServiceRequest> page = wiring.requests.waiting(100, cursor);
            unrouted += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        Map<String, TeamLoad> loads = wiring.loads.loads(teams.keySet());
        int withTeams = 0;
        int full = 0;
        for (Team team : teams.values()) {
            int open = loads.getOrDefault(team.id(), TeamLoad.idle(team.id())).openCount();
            withTeams += open;
            double utilisation = (double) open / team.capacity();
            peakUtilisation.merge(team.id(), utilisation, Math::max);
            if (open >= team.capacity()) {
                full++;
                firstFull.putIfAbsent(team.id(), at);
            }
        }
        samples.add(new Sample(at, unrouted, withTeams, full));
    }

    private Map<String, String> leader(String teamId) {
        Team team = teams.get(teamId);
        String volunteer = team.members().isEmpty() ? null : team.members().get(0);
        return ApiEvents.claims(team.leaders().get(0), "team_leader volunteer", teamId, null, volunteer);
    }

    private static boolean onDuty(Instant at, Scenario.Window window) {
        var local = ZonedDateTime.ofInstant(at, BEIJING).toLocalTime();
        return !local.isBefore(window.from()) && local.isBefore(window.to());
    }

    /** {@code at} when it falls within the daily window, else the window's next opening. */
    static Instant onDutyFrom(Instant at, Scenario.Window window) {
        if (onDuty(at, window)) {
            return at;
        }
        ZonedDateTime local = ZonedDateTime.ofInstant(at, BEIJING);
        ZonedDateTime opening = local.toLocalDate().atTime(window.from()).atZone(BEIJING);
        return (opening.isAfter(local) ? opening : opening.plusDays(1)).toInstant();
    }

    private static void require(Desk.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException("cannot " + what + ": " + answer.status() + " " + answer.body());
        }
    }

    Set<String> ids() {
        Set<String> ids = new HashSet<>();
        requests.stream().filter(r -> r.id != null).forEach(r -> ids.add(r.id));
        return ids;
    }

    DynamoHoursRepository hoursStore() {
        return new DynamoHoursRepository(client, table);
    }

    DynamoTallyRepository tallyStore() {
        return new DynamoTallyRepository(client, table);
    }

    Duration length() {
        return length;
    }

    @Override
    public void close() {
        client.close();
        engine.close();
        try {
            Runtime.getRuntime().removeShutdownHook(stopEngine);
        } catch (IllegalStateException stopping) {
            // the JVM is stopping: the hook runs, and closing twice is harmless
        }
    }
}
