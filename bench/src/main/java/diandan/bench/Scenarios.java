package diandan.bench;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.load;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;
import static diandan.devkit.ApiEvents.withQuery;

import java.time.Duration;
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

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.devkit.ApiEvents;
import diandan.domain.AreaType;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.ServiceDates;
import diandan.domain.points.MerchantItem;
import diandan.port.escalation.AlertQuery;

/**
 * One call of each route of the template (and of each schedule and bus rule), made so that every call succeeds on fresh
 * state: a request to accept is submitted before each accept, and finished after it ({@link Desk#finish}) so
 * that the team has the same room and load for the next. Setting up and cleaning up are not measured. Events start from the files in
 * {@code events/} (what API Gateway sends) with the ids and callers the call needs. State is made through the use cases,
 * or through the routes themselves where another route makes it ({@link #made}: a merchant, a redemption, a calendar).
 * Every route, schedule and bus rule of template.yaml has a scenario: {@code ScenariosTest} fails otherwise, and when
 * a call is refused.
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

    /** The community whose own calendar the calendar routes read, set and remove (that of the files). */
    private static final String CALENDAR_AREA = "sanpu";
    /** The volunteer of the files who redeems points. */
    private static final String REDEEMER = "v0105";
    private static final Duration SESSION_STARTS_IN = Duration.ofMinutes(30);
    private static final Duration SESSION_LASTS = Duration.ofHours(2);

    private final Desk desk;
    private final Map<String, Supplier<Call>> byRoute = new HashMap<>();
    private String ownRequest;
    private String project;
    private String merchant;
    private boolean issuerSet;
    private boolean wishesPosted;
    private int nextTeam;

    Scenarios(Desk desk) {
        this.desk = desk;
        intake();
        assignment();
        projects();
        escalation();
        hours();
        records();
        points();
        sessions();
        notifications();
        housekeeping();
    }

    /** The scenario of a route key or schedule ({@link #schedule}); every one of template.yaml has one (ScenariosTest). */
    Supplier<Call> of(String key) {
        Supplier<Call> scenario = byRoute.get(key);
        if (scenario == null) {
            throw new IllegalStateException("no scenario for " + key + " in Scenarios");
        }
        return scenario;
    }

    boolean covers(String key) {
        return byRoute.containsKey(key);
    }

    static String schedule(String functionId) {
        return "schedule " + functionId;
    }

    /** The key of a function's rule on the desk's bus: the events it is sent. */
    static String busEvent(String functionId) {
        return "bus " + functionId;
    }

    /** Whether a key is an HTTP route's (not a schedule's or a bus rule's). */
    static boolean isRoute(String key) {
        return key.contains(" /");
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
        on("DELETE /requests/{id}/contact", () -> {
            ServiceRequest request = desk.routed();
            desk.finish(request.id()); // a request's contact is kept until it is closed or cancelled
            return new Call(as(withPath(load("erase-contact.json"), "id", request.id()),
                    ApiEvents.resident(request.residentSub())));
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
                "create-team.json", "put-volunteer.json")) {
            asFiled(file);
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
        teamChange("POST /requests/{id}/hold", "hold-request.json", desk::accepted);
        teamChange("POST /requests/{id}/resume", "resume-request.json", desk::held);
        on("POST /wishes/{id}/claim", () -> {
            ServiceRequest wish = desk.wish();
            return new Call(as(withBody(withPath(load("claim-wish.json"), "id", wish.id()),
                    "{\"teamId\":\"" + Desk.TEAM + "\"}"), Desk.leader(Desk.TEAM)), finish(wish));
        });
    }

    /** The menu: projects the desk sets up, and residents read. */
    private void projects() {
        on("POST /projects", () -> new Call(keyed(load("create-project.json"))));
        on("GET /projects", () -> {
            project(); // a menu with something on it
            return new Call(load("list-projects.json"));
        });
        asFiled("get-project.json", this::project);
        asFiled("put-project.json", this::project);
    }

    /** A project of the menu (the one of {@code create-project.json}), made once. */
    private String project() {
        if (project == null) {
            project = made(keyed(load("create-project.json"))).path("id").asText();
        }
        return project;
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

    /**
     * A person's settings, the bus's event of a fresh submission's dispatch (the team leader is told), and the
     * schedule that releases what quiet hours held.
     */
    private void notifications() {
        on("GET /me/notifications", () -> new Call(load("get-my-notifications.json")));
        on("PUT /me/notifications", () -> new Call(load("put-my-notifications.json")));
        on("POST /me/notifications/wechat-consents", () -> new Call(load("record-wechat-consents.json")));
        on(schedule("NotifierFunction"), () -> new Call(tick("notify-release-tick.json")));
        on(busEvent("NotifierFunction"), () -> {
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
        asFiled("list-deadlines.json");
        // a community's own calendar (that of the files), set from the start and kept: a container reads calendars
        // from a snapshot it keeps a minute, so one set just before a read is not seen by a container that read
        // before; no request measured is in that community, so their clocks stay a district's without a calendar
        made(load("put-calendar.json"));
        on("GET /calendars/{areaId}", () -> new Call(withPath(load("get-calendar.json"), "areaId", CALENDAR_AREA)));
        asFiled("put-calendar.json");
        on("DELETE /calendars/{areaId}", () -> new Call(load("delete-calendar.json"),
                answer -> made(load("put-calendar.json"))));
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
        on("POST /hours/{id}/certify", () -> {
            HoursRecord record = record();
            return new Call(as(withPath(load("certify-hours.json"), "id", record.id()), desk.dispatcherOf(record.teamId())));
        });
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

    /** A volunteer's trainings and awards, and the certificate's issuer (set once, then read). */
    private void records() {
        for (String file : List.of("post-volunteer-trainings.json", "post-volunteer-awards.json")) {
            on(load(file).getRouteKey(), () -> new Call(keyed(load(file))));
        }
        asFiled("get-volunteer-trainings.json");
        asFiled("get-volunteer-awards.json");
        asFiled("put-certificate-issuer.json");
        on("GET /certificate-issuers/{id}", () -> {
            if (!issuerSet) {
                made(load("put-certificate-issuer.json"));
                issuerSet = true;
            }
            return new Call(load("get-certificate-issuer.json"));
        });
    }

    /**
     * Points: the rule and star levels as the files set them, a merchant of the desk's (made once, its items stocked
     * for every call of a run), the volunteer of the files with points to spend, and a redemption for each
     * hand-over.
     */
    private void points() {
        for (String file : List.of("get-star-levels.json", "put-star-levels.json", "get-points-rule.json",
                "put-points-rule.json", "volunteer-points.json", "list-merchants.json")) {
            asFiled(file);
        }
        on("POST /merchants", () -> new Call(keyed(load("create-merchant.json"))));
        asFiled("list-merchant-items.json", this::merchant);
        asFiled("put-merchant-item.json", this::merchant);
        on("POST /redemptions", () -> new Call(redemption()));
        on("GET /redemptions/{id}", () -> new Call(withPath(load("get-redemption.json"), "id",
                made(redemption()).path("id").asText())));
        on("POST /redemptions/{id}/handover", () -> {
            JsonNode receipt = made(redemption());
            return new Call(withBody(withPath(load("hand-over-redemption.json"), "id", receipt.path("id").asText()),
                    "{\"code\":\"" + receipt.path("code").asText() + "\"}"));
        });
    }

    /** The volunteer of the files redeeming the merchant's soap: 5 of the points set up for them. */
    private APIGatewayV2HTTPEvent redemption() {
        return keyed(withBody(load("create-redemption.json"), "{\"merchantId\":\"" + merchant() + "\",\"itemId\":\"soap\"}"));
    }

    private String merchant() {
        if (merchant == null) {
            made(load("put-points-rule.json"));
            merchant = made(keyed(load("create-merchant.json"))).path("id").asText();
            made(withBody(withPath(withPath(load("put-merchant-item.json"), "id", merchant), "itemId", "soap"),
                    "{\"name\":\"洗衣皂\",\"points\":5,\"stock\":" + MerchantItem.MAX_STOCK + "}"));
            desk.hours.points.seed(REDEEMER, 5L * MerchantItem.MAX_STOCK, "bench");
        }
        return merchant;
    }

    /**
     * Activity sessions: each call on a session of its own, starting in half an hour (sign-ups still open,
     * check-in open), with an attendee gone as far as the call needs.
     */
    private void sessions() {
        on("POST /activities/{id}/sessions", () -> {
            Instant start = Instant.now().plus(SESSION_STARTS_IN);
            return new Call(keyed(withBody(withPath(load("create-session.json"), "id", desk.sessionActivity().id()),
                    "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(SESSION_LASTS) + "\",\"address\":\"新北社区3号楼前广场\","
                    + "\"latitude\":" + Desk.SESSION_LATITUDE + ",\"longitude\":" + Desk.SESSION_LONGITUDE
                    + ",\"radiusMetres\":150,\"quota\":10,\"confirmationRequired\":false}")));
        });
        on("GET /activities/{id}/sessions", () -> new Call(withPath(load("list-sessions.json"), "id",
                desk.session(null, Desk.Stage.NONE).activityId())));
        onSession("get-session.json", Desk.Stage.NONE, false);
        onSession("get-check-in-code.json", Desk.Stage.NONE, false);
        onSession("sign-up-session.json", Desk.Stage.NONE, true);
        onSession("cancel-sign-up.json", Desk.Stage.SIGNED_UP, true);
        onSession("confirm-sign-up.json", Desk.Stage.SIGNED_UP, true);
        onSession("check-in.json", Desk.Stage.SIGNED_UP, true);
        onSession("check-out.json", Desk.Stage.CHECKED_IN, true);
        onSession("certify-session.json", Desk.Stage.CHECKED_OUT, false);
        onSession("get-session-attendance.json", Desk.Stage.CHECKED_OUT, false);
    }

    /**
     * The file's call on a new session with an attendee ({@link Desk#nextAttendee}) brought to the stage; the
     * attendee makes the call when the file's caller is the volunteer acting, else the file's caller (the leader).
     */
    private void onSession(String file, Desk.Stage stage, boolean attendeeCalls) {
        on(load(file).getRouteKey(), () -> {
            String attendee = desk.nextAttendee();
            APIGatewayV2HTTPEvent event = withPath(load(file), "id", desk.session(attendee, stage).id());
            return new Call(attendeeCalls ? as(event, Desk.volunteer(attendee)) : event);
        });
    }

    /** The route of an event file, called as the file has it. */
    private void asFiled(String file) {
        on(load(file).getRouteKey(), () -> new Call(load(file)));
    }

    /** The route of an event file, called as the file has it but on the {@code id} the set-up gives. */
    private void asFiled(String file, Supplier<String> id) {
        on(load(file).getRouteKey(), () -> new Call(withPath(load(file), "id", id.get())));
    }

    /** A call that creates, with its own {@code Idempotency-Key}: each call creates anew. */
    private static APIGatewayV2HTTPEvent keyed(APIGatewayV2HTTPEvent event) {
        return withHeader(event, "Idempotency-Key", UUID.randomUUID().toString());
    }

    /**
     * Set-up through the routes themselves, where the state a call needs is what another route makes: the event
     * answered by its function on the plain client (not measured); the answer's JSON body.
     */
    private JsonNode made(APIGatewayV2HTTPEvent event) {
        String function = desk.template.routes().stream().filter(r -> r.routeKey().equals(event.getRouteKey()))
                .findFirst().orElseThrow().functionId();
        byte[] answer = desk.invoke(function, LambdaRuntime.json(event), false);
        if (!LambdaRuntime.status(answer).startsWith("2")) {
            throw new IllegalStateException("set-up " + event.getRouteKey() + " answered "
                    + new String(answer, java.nio.charset.StandardCharsets.UTF_8));
        }
        return Desk.body(answer);
    }

    private HoursRecord record() {
        return desk.record(desk.nextTurn());
    }
}
