package diandan.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import diandan.adapter.HoursWiring;
import diandan.app.hours.ActivityService;
import diandan.app.hours.HoursRecorder;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionService;
import diandan.app.request.NewRequest;
import diandan.devkit.MutableClock;
import diandan.domain.Alert;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.SlaClock;
import diandan.domain.hours.HoursRecord;
import diandan.domain.records.RecordKind;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo district's requests, hours and alert in the states the files in {@code events/} act on, made by the
 * use cases themselves (submission, routing, the team's steps, hours) so that they are what the functions would
 * have stored. Each is submitted with its own {@code Idempotency-Key}, which fixes its id (derived from resident
 * and key): the event files name these ids, and each file has a request of its own, so that any file works on
 * a fresh stack in any order.
 *
 * <p>Two are set in the past. One is the request juandilv left waiting on 2026-11-20, with the alert the sweep
 * raises for its missed respond clock ({@code ack-alert.json}; an alert's id follows the request's submission
 * time): the sweep of a new table looks back one day, so no tick of the stack escalates it again or takes it
 * from the team ({@code dispatch-request.json} does). The other was served on 2026-11-28, the day
 * {@code record-hours.json} and the pending hours records name (hours fall within the service). The rest happen
 * at the start of the stack (one of the resident's is rated and closed already, for {@code erase-contact.json}):
 * the rating window is open, and the team's first clock (15 minutes to respond) has
 * not run out yet. Juandilv ends over its capacity of 5, so routing sends new xinbei requests elsewhere.
 *
 * <p>Last, at the start of the stack, a recruiting activity with a session about to begin ({@link #recruitment}).
 *
 * <p>Before them, on 2026-11-14, juandilv held an activity whose hours (v0105's) are certified and rolled up, so
 * that the hours listings, tallies and the leaderboard have something to show on a fresh stack; v0105 also has a
 * training and an award on file.
 */
final class DemoRequests {
    private static final String TEAM = "xinbei-juandilv";
    /** The resident of the files' own calls (get, cancel, rate); the others come from a neighbour. */
    private static final String RESIDENT = "resident-zhang";
    private static final String NEIGHBOUR = "resident-liu";
    private static final Caller LEADER = new Caller("u-leader-xinbei-juandilv", Set.of(Role.TEAM_LEADER, Role.VOLUNTEER), TEAM,
            null, "v0104");
    private static final Caller ADMIN = new Caller("admin-demo", Set.of(Role.ADMIN), null, null, null);
    private static final Instant LEFT_WAITING = Instant.parse("2026-11-20T01:00:00Z");
    private static final Instant SERVED = Instant.parse("2026-11-28T01:00:00Z");
    private static final Instant ACTIVITY_ENDED = Instant.parse("2026-11-14T04:00:00Z");
    private static final double SESSION_LATITUDE = 34.3412;
    private static final double SESSION_LONGITUDE = 108.9398;

    private final HoursWiring wiring;
    private final MutableClock clock;

    private DemoRequests(DynamoDbClient client, String table) {
        this.clock = new MutableClock(Instant.now());
        this.wiring = new HoursWiring(client, table, clock);
    }

    /** Loads them into a table that holds the demo district and nothing else yet. */
    static void load(DynamoDbClient client, String table) {
        new DemoRequests(client, table).load();
    }

    private void load() {
        clock.set(ACTIVITY_ENDED);
        String activity = wiring.activities.create(LEADER, new ActivityService.NewActivity("新北社区冬季义务理发",
                "elderly_care", "xinbei", "2026-11-14T01:00:00Z", ACTIVITY_ENDED.toString(), "为社区老人上门理发"),
                "demo-activity").activity().id();
        for (HoursRecord record : wiring.recorder.record(LEADER, new HoursRecorder.NewHours("activity", activity, List.of(
                new HoursRecorder.Entry("v0105", 3.0, "2026-11-14", "理发", null))), "demo-activity-hours").records()) {
            wiring.certification.certify(ADMIN, record.id());
        }
        wiring.rollup.run("demo");
        wiring.volunteerRecords.record(LEADER, "v0105", RecordKind.TRAINING, "志愿服务通用培训", "渭城区新时代文明实践中心",
                "2026-11-10", null, null);
        wiring.volunteerRecords.record(ADMIN, "v0105", RecordKind.AWARD, "新北社区优秀志愿者", "新北社区居委会",
                "2026-11-14", null, null);

        clock.set(LEFT_WAITING);
        ServiceRequest waiting = toTeam(submit(NEIGHBOUR, "demo-left-waiting", "poverty_relief", "xinbei",
                "低保老人需要协助申领冬季取暖补贴", "mini_program"));
        wiring.base.alerts.raise(Alert.raise(waiting, SlaClock.RESPOND.escalationLevel,
                SlaClock.RESPOND.code() + " deadline missed", LEFT_WAITING.plus(Duration.ofMinutes(15))));

        clock.set(SERVED);
        String served = served(submit(NEIGHBOUR, "demo-served", "elderly_care", "xinbei", "独居老人需要陪同去医院复查",
                "mini_program"), Duration.ofHours(4));
        clock.set(SERVED.plus(Duration.ofHours(5)));
        wiring.recorder.record(LEADER, new HoursRecorder.NewHours("request", served, List.of(
                new HoursRecorder.Entry("v0107", 2.0, "2026-11-28", "陪同就医", null),
                new HoursRecorder.Entry("v0108", 2.5, "2026-11-28", "陪同就医", null),
                new HoursRecorder.Entry("v0109", 2.5, "2026-11-28", "陪同就医", null))), "demo-served-hours");

        Instant now = Instant.now();
        clock.set(now.minus(Duration.ofMinutes(60)));
        String rated = served(submit(RESIDENT, "demo-erase", "elderly_care", "xinbei", "独居老人需要有人帮忙去药店取药",
                "mini_program"), Duration.ofMinutes(20));
        wiring.base.intake.rate(new Caller(RESIDENT, Set.of(Role.RESIDENT), null, null, null), rated, null, 5,
                "resolved", null);
        clock.set(now.minus(Duration.ofMinutes(30)));
        served(submit(RESIDENT, "demo-rate", "elderly_care", "xinbei", "独居老人需要每周代购生活用品", "mini_program"),
                Duration.ofMinutes(30));
        clock.set(now);
        toTeam(submit(NEIGHBOUR, "demo-accept", "poverty_relief", "xinbei", "困难家庭需要帮忙搬运过冬煤炭", "mini_program"));
        toTeam(submit(NEIGHBOUR, "demo-decline", "poverty_relief", "xinbei", "困难老人家中需要整理杂物", "mini_program"));
        String reply = toTeam(submit(NEIGHBOUR, "demo-reply", "poverty_relief", "xinbei", "低保户需要帮忙填写申请材料",
                "mini_program")).id();
        wiring.base.dispatch.accept(LEADER, reply, null);
        String start = toTeam(submit(NEIGHBOUR, "demo-start", "poverty_relief", "xinbei", "困难老人需要上门理发",
                "mini_program")).id();
        wiring.base.dispatch.accept(LEADER, start, null);
        String held = toTeam(submit(NEIGHBOUR, "demo-hold", "poverty_relief", "xinbei", "困难老人家中水龙头漏水需要修理",
                "mini_program")).id();
        wiring.base.dispatch.accept(LEADER, held, null);
        wiring.base.holds.hold(LEADER, held, null, "resident_later_date");
        String resolve = toTeam(submit(NEIGHBOUR, "demo-resolve", "poverty_relief", "xinbei", "困难家庭需要帮忙采购年货",
                "mini_program")).id();
        wiring.base.dispatch.accept(LEADER, resolve, null);
        wiring.base.dispatch.start(LEADER, resolve, null);
        submit(RESIDENT, "demo-cancel", "elderly_care", "sanpu", "老人需要有人每天打电话问候", "mini_program");
        submit(NEIGHBOUR, "demo-wish", "education", "xinbei", "希望有志愿者周末陪孩子读书", "wish_wall");
        recruitment(now);
    }

    /**
     * An activity running at the start of the stack with a session that starts half an hour later, so that
     * check-in is open: v0105 to v0108 signed up, v0105 checked in on site (the files sign up, cancel, confirm,
     * check in and out against it).
     */
    private void recruitment(Instant now) {
        String activity = wiring.activities.create(LEADER, new ActivityService.NewActivity("新北社区冬季健康义诊",
                "elderly_care", "xinbei", now.minus(Duration.ofHours(1)).toString(),
                now.plus(Duration.ofDays(1)).toString(), "为社区老人量血压、测血糖"), "demo-recruitment").activity().id();
        String session = wiring.sessions.create(LEADER, activity, new SessionService.NewSession(
                now.plus(Duration.ofMinutes(30)).toString(), now.plus(Duration.ofMinutes(210)).toString(),
                "新北社区卫生服务站", SESSION_LATITUDE, SESSION_LONGITUDE, 200, 20, false), "demo-session").session().id();
        for (String volunteer : List.of("v0105", "v0106", "v0107", "v0108")) {
            wiring.sessions.signUp(volunteer(volunteer), session);
        }
        wiring.checkIns.checkIn(volunteer("v0105"), session, new CheckIns.Proof(null, SESSION_LATITUDE, SESSION_LONGITUDE));
    }

    private static Caller volunteer(String id) {
        return new Caller("u-" + id, Set.of(Role.VOLUNTEER), null, null, id);
    }

    private ServiceRequest submit(String resident, String key, String category, String communityId, String description,
                                  String channel) {
        Caller caller = new Caller(resident, Set.of(Role.RESIDENT), null, null, null);
        return wiring.base.intake.submit(caller, new NewRequest(category, description, communityId,
                communityId.equals("xinbei") ? "新北社区3号楼2单元501" : "三普社区12号楼", "张桂兰", "13812345678", channel,
                null, null), key).request();
    }

    /** Routing chose juandilv, or a dispatcher sends it there (the team is short-handed this week: over capacity). */
    private ServiceRequest toTeam(ServiceRequest request) {
        if (TEAM.equals(request.teamId())) {
            return request;
        }
        return wiring.base.dispatch.dispatch(ADMIN, request.id(), null, TEAM, "演示：涓滴绿的请求");
    }

    /** Accepted, started and resolved by juandilv, {@code took} after submission. */
    private String served(ServiceRequest request, Duration took) {
        String id = toTeam(request).id();
        Instant submitted = clock.instant();
        clock.set(submitted.plus(Duration.ofMinutes(5)));
        wiring.base.dispatch.accept(LEADER, id, null);
        wiring.base.dispatch.start(LEADER, id, null);
        clock.set(submitted.plus(took));
        wiring.base.dispatch.resolve(LEADER, id, null, "已陪同完成");
        return id;
    }
}
