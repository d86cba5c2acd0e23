package diandan.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import diandan.adapter.dynamodb.DynamoCalendarRepository;
import diandan.adapter.http.CalendarFields;
import diandan.adapter.http.Claims;
import diandan.app.hours.ActivityService;
import diandan.app.menu.ProjectForm;
import diandan.app.request.NewRequest;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionService;
import diandan.devkit.ApiEvents;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.devkit.Template;
import diandan.domain.Alert;
import diandan.domain.Caller;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.points.Redemption;
import diandan.hours.HoursWorld;

/**
 * The district the system tests act on, on one table: the hours tests' world (the demo registry; the care team
 * {@code team-care} covering street weiyang, led by leader-chen and leader-sun, with volunteers v-li, v-wang,
 * v-chen and v-sun; the legal team {@code team-legal}), every function of the template deployed on it under the
 * world's clock, and the things routes act on, made fresh on demand for a given resident: a request of theirs
 * in community xinbei with the care team in each state, an open wish, a pending record of v-li for the care
 * team's service, an alert. The district has the demo's 2026 calendar.
 */
final class World {
    /** The team every fresh request is with. */
    static final String SERVING_TEAM = HoursWorld.CARE;
    /** The volunteer of the care team whose records and hours the routes act on. */
    static final String VOLUNTEER = "v-li";
    /** Another team of the request's community, for dispatching away. */
    static final String NEIGHBOUR_TEAM = "xinbei-linlicheng";
    /** The team of the community's street, which takes what the care team declines. */
    static final String STREET_TEAM = "weiyang-jinglao";
    /** Where sessions take place: the point the session event files check in at. */
    static final double SESSION_LATITUDE = 34.3412;
    static final double SESSION_LONGITUDE = 108.9398;

    final LocalTable table;
    final HoursWorld hours;
    final Deployment deployment;
    private final AtomicInteger residents = new AtomicInteger();
    private final AtomicInteger attendees = new AtomicInteger();

    World(LocalTable table) {
        this.table = table;
        this.hours = new HoursWorld(table);
        // every fresh request of the tests goes to the care team: let it take them all, and still claim a wish.
        // The neighbour is kept full (one request, room for one), so that routing never chooses it however many
        // requests the tests make: a fresh request goes to the care team, one the care team declines to the
        // street's team, the same way every time; dispatchers still send requests there by hand, with a reason
        capacity(SERVING_TEAM, Team.MAX_CAPACITY);
        capacity(STREET_TEAM, Team.MAX_CAPACITY);
        capacity(NEIGHBOUR_TEAM, 1);
        hours.wiring.base.dispatch.dispatch(Claims.caller(HoursWorld.ADMIN), dispatchedRequest(newResident()), null,
                NEIGHBOUR_TEAM, "kept full");
        new DynamoCalendarRepository(table.client(), table.name()).put("weicheng", demoCalendar());
        this.deployment = new Deployment(Template.load(), table.client(), table.name(), hours.clock);
    }

    /** A new project of the care team, on its street's menu. */
    String project() {
        return hours.wiring.base.projects.create(Claims.caller(HoursWorld.ADMIN), new ProjectForm(SERVING_TEAM,
                "助老上门探访", "elderly_care", null, List.of("weiyang"), Map.of("saturday", List.of("09:00-11:30")),
                null, 100, "week", true), null).value().project().id();
    }

    /** Gives the area a calendar of its own: the district's, set on the area itself. */
    void ownCalendar(String areaId) {
        new DynamoCalendarRepository(table.client(), table.name()).put(areaId, demoCalendar());
    }

    /** The district's calendar as the demo ships it: every area of the world inherits it. */
    private static ServiceCalendar demoCalendar() {
        try {
            return CalendarFields.calendarIn(Files.readString(RepoRoot.find().resolve("local/demo/calendar-2026.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void capacity(String teamId, int capacity) {
        Team team = hours.wiring.base.registryStore.findTeam(teamId).orElseThrow();
        hours.wiring.base.registryStore.putTeam(new Team(team.id(), team.name(), team.categories(), team.areaIds(),
                capacity, team.leaders(), team.members(), team.active(), team.version()));
    }

    /** A resident nobody has seen yet: their limits untouched, no request of theirs anywhere. */
    String newResident() {
        return "resident-" + residents.incrementAndGet();
    }

    String dispatchedRequest(String resident) {
        return hours.dispatchedRequest(resident);
    }

    String acceptedRequest(String resident) {
        return hours.acceptedRequest(resident);
    }

    String heldRequest(String resident) {
        return hours.heldRequest(resident);
    }

    /** Served and resolved by the care team on a day of its own, so that hours recorded for it fit that day. */
    Served resolvedRequest(String resident) {
        LocalDate day = hours.freshDay();
        return new Served(hours.resolvedRequest(resident, day), day);
    }

    record Served(String requestId, LocalDate day) {
    }

    /** Served and resolved by the care team, then rated by the resident within the hour after: closed. */
    String closedRequest(String resident) {
        String id = resolvedRequest(resident).requestId();
        java.time.Instant now = hours.clock.instant();
        hours.clock.set(hours.wiring.base.requests.find(id).orElseThrow().sla().resolvedAt().plusSeconds(3600));
        try {
            hours.wiring.base.intake.rate(Claims.caller(ApiEvents.resident(resident)), id, null, 5, "resolved", null);
        } finally {
            hours.clock.set(now);
        }
        return id;
    }

    String pendingRecord(String resident) {
        return hours.pendingRecord(resident, VOLUNTEER, 1.5);
    }

    String openWish(String resident) {
        return hours.wiring.base.intake.submit(Claims.caller(ApiEvents.resident(resident)), new NewRequest(
                "elderly_care", "希望有志愿者周末陪老人去医院复查", "xinbei", "新北社区8号楼", "张桂兰", "13812345678",
                "wish_wall", null, null), null).request().id();
    }

    /** An activity of the care team on 2026-11-21 (Beijing time), as create-activity.json makes it. */
    String careActivity() {
        return hours.activity();
    }

    /**
     * A session of the care team starting half an hour from now at the point of the session event files, so that
     * check-in is open, with v-li signed up and, if asked, checked in there.
     */
    String session(boolean checkedIn) {
        Caller leader = Claims.caller(HoursWorld.LEADER);
        Instant now = hours.clock.instant();
        String activity = hours.wiring.activities.create(leader, new ActivityService.NewActivity("社区健康义诊",
                "elderly_care", "xinbei", now.minus(Duration.ofHours(1)).toString(), now.plus(Duration.ofDays(1))
                .toString(), null), null).activity().id();
        String session = hours.wiring.sessions.create(leader, activity, new SessionService.NewSession(
                now.plus(Duration.ofMinutes(30)).toString(), now.plus(Duration.ofHours(3)).toString(), "新北社区卫生服务站",
                SESSION_LATITUDE, SESSION_LONGITUDE, 200, 20, false), null).session().id();
        Caller volunteer = Claims.caller(HoursWorld.VOLUNTEER_LI);
        hours.wiring.sessions.signUp(volunteer, session);
        if (checkedIn) {
            hours.wiring.checkIns.checkIn(volunteer, session, new CheckIns.Proof(null, SESSION_LATITUDE, SESSION_LONGITUDE));
        }
        return session;
    }

    /**
     * A session as {@link #session}, where a volunteer of its own (so that no day of anyone's fills up) checked in
     * and out: its pending check-in record drafted.
     */
    String attendedSession() {
        String session = session(false);
        String volunteerId = "v-att-" + attendees.incrementAndGet();
        Caller volunteer = Claims.caller(ApiEvents.claims("u-" + volunteerId, "volunteer", null, null, volunteerId));
        CheckIns.Proof there = new CheckIns.Proof(null, SESSION_LATITUDE, SESSION_LONGITUDE);
        hours.wiring.sessions.signUp(volunteer, session);
        hours.wiring.checkIns.checkIn(volunteer, session, there);
        hours.wiring.checkIns.checkOut(volunteer, session, there);
        return session;
    }

    /** A level-1 alert (the respond deadline missed) on a request of the resident: community xinbei's. */
    String alert(String resident) {
        ServiceRequest request = hours.wiring.base.requests.find(dispatchedRequest(resident)).orElseThrow();
        Alert alert = Alert.raise(request, 1, "respond deadline missed", hours.clock.instant());
        hours.wiring.base.alerts.raise(alert);
        return alert.id();
    }

    /** A love supermarket of community xinbei, registered by the district's admin, with soap for 1 point. */
    String merchant() {
        Caller admin = Claims.caller(HoursWorld.ADMIN);
        String id = hours.wiring.merchants.create(admin, null, "新北社区爱心超市", "xinbei").id();
        hours.wiring.merchants.putItem(admin, id, "soap", "洗衣皂", 1, 100);
        return id;
    }

    /** A merchant as above, and v-li with points to spend: the rule earns from the first hour, one is certified. */
    String redeemable(String resident) {
        hours.wiring.pointsRule.set(Claims.caller(HoursWorld.ADMIN), 1, 10_000, 0);
        String record = hours.pendingRecord(resident, VOLUNTEER, 1);
        hours.wiring.certification.certify(Claims.caller(HoursWorld.LEADER), record);
        hours.wiring.rollup.run("world");
        return merchant();
    }

    /** v-li's redemption of soap there, done and not handed over yet. */
    Redemption redeemed(String resident) {
        return hours.wiring.redemptions.redeem(Claims.caller(HoursWorld.VOLUNTEER_LI), "world-" + resident,
                redeemable(resident), "soap");
    }
}
