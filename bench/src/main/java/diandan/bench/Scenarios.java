package diandan.bench;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.load;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.joda.time.DateTime;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import diandan.devkit.ApiEvents;
import diandan.domain.AreaType;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.ServiceDates;
import diandan.port.escalation.AlertQuery;

/**
 * One call of each route of the template (and of each schedule), made so that every call succeeds on fresh
 * state: a request to accept is submitted before each accept, and finished after it ({@link Desk#finish}) so
 * that the team has the same room and load for the next. Setting up and cleaning up are not measured. Events start from the files in
 * {@code events/} (what API Gateway sends) with the ids and callers the call needs.
 */
final class Scenarios {
    /** An event to send, and what to undo once it has been answered. */
    record Call(Object event, Consumer<byte[]> cleanUp) {
        Call(Object event) {
            this(event, answer -> { });
        }
    }

    /** Routes that add to the registry with every call (teams, volunteers): measured last, not to weigh on the others. */
    static final Set<String> GROW_THE_REGISTRY = Set.of("POST /teams", "POST /volunteers");

    private final Desk desk;
    private final Map<String, Supplier<Call>> byRoute = new HashMap<>();
    private String ownRequest;
    private boolean wishesPosted;
    private int nextTeam;

    Scenarios(Desk desk) {
        this.desk = desk;
        intake();
        assignment();
        escalation();
        hours();
        notifications();
        housekeeping();
    }

    /** The scenario of a route key or schedule ({@link #schedule}); null when there is none yet. */
    Supplier<Call> of(String key) {
        return byRoute.get(key);
    }

    static String schedule(String functionId) {
        return "schedule " + functionId;
    }

    private void on(String key, Supplier<Call> scenario) {
        byRoute.put(key, scenario);
    }

    private void intake() {
        on("POST /requests", () -> {
            Map<String, String> resident = ApiEvents.resident("resident-" + UUID.randomUUID());
            return new Call(withHeader(as(load("submit-request.json"), resident), "Idempotency-Key", UUID.randomUUID().toString()),
                    answer -> desk.finish(Desk.body(answer).path("id").asText()));
        });
        on("GET /requests", () -> new Call(load("list-requests.json")));
        on("GET /requests/{id}", () -> new Call(withPath(load("get-request.json"), "id", ownRequest())));
        on("POST /requests/{id}/cancel", () -> {
            ServiceRequest request = desk.routed();
            return new Call(as(withPath(load("cancel-request.json"), "id", request.id()),
                    ApiEvents.resident(request.residentSub())), finish(request));
        });
        on("POST /requests/{id}/rating", () -> {
            ServiceRequest request = desk.resolved();
            desk.finish(request.id());
            return new Call(as(withPath(load("rate-request.json"), "id", request.id()),
                    ApiEvents.resident(request.residentSub())), finish(request));
        });
        on("GET /wishes", () -> {
            if (!wishesPosted) {
                List.of(1, 2, 3).forEach(i -> desk.wish());
                wishesPosted = true;
            }
            return new Call(load("list-wishes.json"));
        });
    }

    /** A request of resident-zhang (the resident of the event files), made once. */
    private String ownRequest() {
        if (ownRequest == null) {
            ownRequest = desk.wiring.intake.submit(Desk.caller(ApiEvents.resident("resident-zhang")),
                    Desk.form("elderly_care", Desk.COMMUNITY, "mini_program"), null).request().id();
        }
        return ownRequest;
    }

    private void assignment() {
        for (String file : List.of("list-categories.json", "list-areas.json", "list-teams.json", "get-team.json",
                "team-requests.json", "get-volunteer.json", "put-category.json", "put-area.json", "put-team.json",
                "create-team.json")) {
            on(load(file).getRouteKey(), () -> new Call(load(file)));
        }
        on("POST /volunteers", () -> {
            List<Team> teams = desk.wiring.registry.get().teams();
            String team = teams.get(nextTeam++ % teams.size()).id();
            return new Call(withHeader(withBody(load("create-volunteer.json"),
                    "{\"name\":\"马秀兰\",\"phone\":\"13991234567\",\"teamIds\":[\"" + team + "\"]}"),
                    "Idempotency-Key", UUID.randomUUID().toString()));
        });
        on("POST /requests/{id}/dispatch", () -> {
            ServiceRequest request = desk.routed();
            String other = request.teamId().equals("xinbei-linlicheng") ? Desk.TEAM : "xinbei-linlicheng";
            return new Call(withBody(withPath(load("dispatch-request.json"), "id", request.id()),
                    "{\"teamId\":\"" + other + "\",\"reason\":\"人手调整\"}"), finish(request));
        });
        teamChange("POST /requests/{id}/accept", "accept-request.json", desk::routed);
        teamChange("POST /requests/{id}/decline", "decline-request.json", desk::routed);
        teamChange("POST /requests/{id}/reply", "reply-request.json", desk::accepted);
        teamChange("POST /requests/{id}/start", "start-request.json", desk::accepted);
        teamChange("POST /requests/{id}/resolve", "resolve-request.json", desk::accepted);
        on("POST /wishes/{id}/claim", () -> {
            ServiceRequest wish = desk.wish();
            return new Call(as(withBody(withPath(load("claim-wish.json"), "id", wish.id()),
                    "{\"teamId\":\"" + Desk.TEAM + "\"}"), Desk.leader(Desk.TEAM)), finish(wish));
        });
    }

    /** A change by the leader of the team the request is with, on a request made for it, cancelled after. */
    private void teamChange(String route, String file, Supplier<ServiceRequest> request) {
        on(route, () -> {
            ServiceRequest made = request.get();
            return new Call(as(withPath(load(file), "id", made.id()), Desk.leader(made.teamId())), finish(made));
        });
    }

    private Consumer<byte[]> finish(ServiceRequest request) {
        return answer -> desk.finish(request.id());
    }

    /** A person's settings, and the bus's event of a fresh submission's dispatch (the team leader is told). */
    private void notifications() {
        on("GET /me/notifications", () -> new Call(load("get-my-notifications.json")));
        on("PUT /me/notifications", () -> new Call(load("put-my-notifications.json")));
        on("POST /me/notifications/wechat-consents", () -> new Call(load("record-wechat-consents.json")));
        on(schedule("NotifierFunction"), () -> {
            ServiceRequest routed = desk.routed();
            ScheduledEvent event = ApiEvents.schedule("notify-dispatched.json");
            event.setId(UUID.randomUUID().toString());
            event.setDetail(Map.of("id", routed.id() + ".1", "type", "dispatched", "requestId", routed.id(),
                    "teamId", routed.teamId(), "at", Instant.now().toString()));
            return new Call(event, finish(routed));
        });
    }

    /** The hourly housekeeping: contact retention and the reconciliation of the teams' loads. */
    private void housekeeping() {
        on(schedule("RetentionFunction"), () -> new Call(tick("retention-tick.json")));
        on(schedule("LoadReconciliationFunction"), () -> new Call(tick("reconcile-loads-tick.json")));
    }

    /** A schedule's event of now: a fresh id, the time to the minute as EventBridge sends it. */
    private static ScheduledEvent tick(String file) {
        ScheduledEvent tick = ApiEvents.schedule(file);
        tick.setId(UUID.randomUUID().toString());
        tick.setTime(new DateTime(Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli()));
        return tick;
    }

    private void escalation() {
        on("GET /alerts", () -> new Call(load("list-alerts.json")));
        on("POST /alerts/{id}/ack", () -> {
            ServiceRequest unrouted = desk.submit("home_repair", "changqing-shihua");
            String alert = desk.wiring.alerts.list(new AlertQuery(AreaType.COMMUNITY, "changqing-shihua", 0, false, 1, null))
                    .items().get(0).id();
            return new Call(withPath(ApiEvents.route("POST /alerts/{id}/ack", Desk.DISPATCHER), "id", alert), finish(unrouted));
        });
        on("GET /reports/sla", () -> {
            Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
            return new Call(withQuery(ApiEvents.route("GET /reports/sla", Desk.DISPATCHER), Map.of("from", today.toString(),
                    "to", today.plus(1, ChronoUnit.DAYS).toString(), "groupBy", "street")));
        });
        on("GET /clock-policy", () -> new Call(ApiEvents.route("GET /clock-policy", ApiEvents.resident("resident-zhang"))));
        on("PUT /clock-policy/channels/{channel}", () -> new Call(withBody(withPath(
                ApiEvents.route("PUT /clock-policy/channels/{channel}", Desk.ADMIN), "channel", "hotline"),
                "{\"clocks\":{\"respondMinutes\":15,\"replyMinutes\":30,\"resolveMinutes\":1440}}")));
        on(schedule("EscalationFunction"), () -> new Call(tick("schedule-tick.json")));
    }

    private void hours() {
        on("POST /activities", () -> {
            Instant now = Instant.now();
            return new Call(withHeader(as(withBody(load("create-activity.json"), "{\"title\":\"新北社区敬老院周末陪伴\","
                    + "\"category\":\"elderly_care\",\"communityId\":\"xinbei\",\"start\":\"" + now.minus(2, ChronoUnit.HOURS)
                    + "\",\"end\":\"" + now.minus(1, ChronoUnit.HOURS) + "\"}"), Desk.leader(Desk.TEAM)),
                    "Idempotency-Key", UUID.randomUUID().toString()));
        });
        on("GET /activities", () -> new Call(load("list-activities.json")));
        on("POST /hours", () -> {
            Desk.Turn turn = desk.nextTurn();
            String body = "{\"source\":{\"type\":\"activity\",\"id\":\"" + turn.activity().id()
                    + "\"},\"entries\":[{\"volunteerId\":\"" + turn.member() + "\",\"hours\":0.5,\"date\":\""
                    + turn.day() + "\"}]}";
            return new Call(withHeader(as(withBody(load("record-hours.json"), body), Desk.leader(turn.team())),
                    "Idempotency-Key", UUID.randomUUID().toString()));
        });
        on("GET /hours", () -> new Call(as(load("list-hours.json"), Desk.leader(Desk.TEAM))));
        on("POST /hours/{id}/certify", () -> new Call(as(withPath(load("certify-hours.json"), "id", record().id()),
                Desk.DISPATCHER)));
        on("POST /hours/{id}/correct", () -> {
            HoursRecord record = record();
            return new Call(as(withPath(load("correct-hours.json"), "id", record.id()), Desk.leader(record.teamId())));
        });
        on("POST /hours/{id}/dispute", () -> {
            HoursRecord record = record();
            return new Call(as(withPath(load("dispute-hours.json"), "id", record.id()), Desk.volunteer(record.volunteerId())));
        });
        String volunteer = "v0105";
        on("GET /volunteers/{id}/hours", () -> new Call(as(withPath(load("volunteer-hours.json"), "id", volunteer),
                Desk.volunteer(volunteer))));
        on("GET /volunteers/{id}/certificate", () -> new Call(as(withPath(load("volunteer-certificate.json"), "id", volunteer),
                Desk.volunteer(volunteer))));
        LocalDate today = ServiceDates.dateOf(Instant.now());
        on("GET /tallies", () -> new Call(withQuery(load("get-tally.json"), Map.of("scope", "street", "id", "weiyang",
                "period", today.toString().substring(0, 7)))));
        on("GET /leaderboard", () -> new Call(withQuery(load("get-leaderboard.json"), Map.of("scope", "volunteer",
                "period", Integer.toString(today.getYear()), "areaId", "weiyang", "limit", "10"))));
        on("GET /exports/hours.csv", () -> new Call(withQuery(load("export-hours.json"), Map.of("from",
                today.withDayOfMonth(1).toString(), "to", today.toString(), "areaId", "weiyang"))));
        on(schedule("HoursFunction"), () -> {
            ScheduledEvent tick = ApiEvents.schedule("hours-rollup-tick.json");
            tick.setId(UUID.randomUUID().toString());
            return new Call(tick);
        });
    }

    private HoursRecord record() {
        return desk.record(desk.nextTurn());
    }
}
