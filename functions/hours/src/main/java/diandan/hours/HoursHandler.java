package diandan.hours;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.HoursWiring;
import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.http.ApiRequest;
import diandan.adapter.http.ApiResponses;
import diandan.adapter.http.CertificatePage;
import diandan.adapter.http.HoursCsv;
import diandan.adapter.http.HoursViews;
import diandan.adapter.http.HttpFunction;
import diandan.adapter.http.JsonBody;
import diandan.adapter.http.LambdaEvents;
import diandan.adapter.http.PointsViews;
import diandan.adapter.http.Priming;
import diandan.adapter.http.SessionViews;
import diandan.adapter.http.Views;
import diandan.adapter.json.Json;
import diandan.adapter.log.Log;
import diandan.adapter.log.Metrics;
import diandan.app.hours.ActivityService;
import diandan.app.hours.HoursRollup;
import diandan.app.points.Redemptions;
import diandan.app.hours.HoursExport;
import diandan.app.hours.HoursListing;
import diandan.app.hours.HoursRecorder;
import diandan.app.records.VolunteerRecords;
import diandan.app.sessions.CheckIns;
import diandan.app.sessions.SessionCertification;
import diandan.app.sessions.SessionService;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.hours.Certificate;
import diandan.domain.records.RecordKind;
import diandan.domain.hours.HoursRecord;
import diandan.domain.points.Merchant;
import diandan.domain.points.Redemption;
import diandan.port.Page;
import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * HoursFunction: volunteers' hours over the HTTP API, and the tally rollup on its schedule. One function takes
 * both kinds of event, so it is a stream handler that tells them apart by shape ({@link LambdaEvents}); tests and
 * the local stack may call {@link #handle} and {@link #onSchedule} directly.
 */
public final class HoursHandler implements RequestStreamHandler, Resource {
    static final String FUNCTION = "HoursFunction";
    /**
     * The rollup's metrics: records rolled up, and its backlog (1 when a run stopped on its budget with records
     * still queued: the tallies run behind the certifications).
     */
    private static final Map<String, Metrics.Unit> ROLLUP_METRICS = Map.of("records", Metrics.Unit.COUNT,
            "rollupBacklog", Metrics.Unit.COUNT, "durationMs", Metrics.Unit.MILLISECONDS);
    private static final Set<String> ACTIVITY_FIELDS = Set.of("title", "category", "communityId", "start", "end",
            "description");
    private static final Set<String> SESSION_FIELDS = Set.of("start", "end", "address", "latitude", "longitude",
            "radiusMetres", "quota", "confirmationRequired");
    private static final Set<String> PROOF_FIELDS = Set.of("code", "latitude", "longitude");
    private static final Set<String> ENTRY_FIELDS = Set.of("volunteerId", "hours", "date", "role", "note");

    private final HoursWiring hours;
    private final HttpFunction http;

    public HoursHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    public HoursHandler(DynamoDbClient client, String table, Clock clock) {
        this(new HoursWiring(client, table, clock));
    }

    /** The seam for tests: the use cases, wired as they like. */
    public HoursHandler(HoursWiring hours) {
        this.hours = hours;
        this.http = new HttpFunction(FUNCTION, Map.ofEntries(
                Map.entry("POST /activities", this::createActivity),
                Map.entry("GET /activities", this::listActivities),
                Map.entry("POST /hours", this::record),
                Map.entry("GET /hours", this::listRecords),
                Map.entry("POST /hours/{id}/certify", this::certify),
                Map.entry("POST /hours/{id}/correct", this::correct),
                Map.entry("POST /hours/{id}/dispute", this::dispute),
                Map.entry("GET /volunteers/{id}/hours", this::volunteerHours),
                Map.entry("GET /volunteers/{id}/certificate", this::certificate),
                Map.entry("GET /certificate-issuers/{id}", this::certificateIssuer),
                Map.entry("POST /volunteers/{id}/trainings", r -> recordOf(r, RecordKind.TRAINING)),
                Map.entry("GET /volunteers/{id}/trainings", r -> recordsOf(r, RecordKind.TRAINING)),
                Map.entry("POST /volunteers/{id}/awards", r -> recordOf(r, RecordKind.AWARD)),
                Map.entry("GET /volunteers/{id}/awards", r -> recordsOf(r, RecordKind.AWARD)),
                Map.entry("PUT /certificate-issuers/{id}", this::setCertificateIssuer),
                Map.entry("GET /tallies", this::tally),
                Map.entry("GET /leaderboard", this::leaderboard),
                Map.entry("GET /star-levels", this::starLevels),
                Map.entry("PUT /star-levels", this::setStarLevels),
                Map.entry("GET /points/rule", this::pointsRule),
                Map.entry("PUT /points/rule", this::setPointsRule),
                Map.entry("GET /volunteers/{id}/points", this::volunteerPoints),
                Map.entry("POST /merchants", this::createMerchant),
                Map.entry("GET /merchants", this::listMerchants),
                Map.entry("GET /merchants/{id}/items", this::listItems),
                Map.entry("PUT /merchants/{id}/items/{itemId}", this::putItem),
                Map.entry("POST /redemptions", this::redeem),
                Map.entry("GET /redemptions/{id}", this::redemption),
                Map.entry("POST /redemptions/{id}/handover", this::handOver),
                Map.entry("GET /exports/hours.csv", this::export),
                Map.entry("POST /activities/{id}/sessions", this::createSession),
                Map.entry("GET /activities/{id}/sessions", this::listSessions),
                Map.entry("GET /sessions/{id}", this::session),
                Map.entry("POST /sessions/{id}/signup", this::signUp),
                Map.entry("POST /sessions/{id}/cancel", this::cancelSignUp),
                Map.entry("POST /sessions/{id}/confirm", this::confirm),
                Map.entry("GET /sessions/{id}/code", this::code),
                Map.entry("POST /sessions/{id}/check-in", this::checkIn),
                Map.entry("POST /sessions/{id}/check-out", this::checkOut),
                Map.entry("POST /sessions/{id}/certify", this::certifySession),
                Map.entry("GET /sessions/{id}/attendance", this::attendance)));
        Core.getGlobalContext().register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.read(input);
        JsonNode answer;
        if (LambdaEvents.isSchedule(event)) {
            String eventId = event.path("id").asText("schedule");
            ObjectNode json = HoursViews.rollup(onSchedule(eventId));
            json.set("sessions", SessionViews.sweep(closeSessions(eventId)));
            json.put("redemptionsFinished", finishRedemptions(eventId));
            answer = json;
        } else if (LambdaEvents.isHttp(event)) {
            answer = LambdaEvents.response(handle(LambdaEvents.http(event)));
        } else {
            throw new IllegalArgumentException("HoursFunction takes HTTP API requests and schedule events only");
        }
        output.write(Json.bytes(answer));
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return http.handle(event);
    }

    /**
     * One rollup run; the lease keeps duplicate and overlapping deliveries from running together. A run the store
     * fails is logged with the event id and fails the invocation: the next run resumes its plan.
     */
    public HoursRollup.Report onSchedule(String eventId) {
        long started = System.nanoTime();
        HoursRollup.Report report;
        try {
            report = hours.rollup.run(eventId + "/" + UUID.randomUUID());
        } catch (StorageUnavailableException fault) {
            Log.storageFault(FUNCTION, eventId, fault);
            throw fault;
        }
        ObjectNode line = Log.line("INFO", "rollup", eventId);
        line.setAll(HoursViews.rollup(report));
        line.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        line.put("function", FUNCTION);
        line.put("rollupBacklog", report.leftForNextRun() ? 1 : 0);
        Log.emit(Metrics.attach(line, List.of(List.of("function")), ROLLUP_METRICS));
        return report;
    }

    /**
     * The closing sweep of sessions, on the same tick as the rollup: checks out whoever is still checked in two
     * hours after a session's end and drafts the records a stopped call left undrafted.
     */
    public CheckIns.Sweep closeSessions(String eventId) {
        CheckIns.Sweep sweep;
        try {
            sweep = hours.checkIns.closeDue();
        } catch (StorageUnavailableException fault) {
            Log.error("storage unavailable: " + fault.getMessage(), eventId, fault);
            throw fault;
        }
        ObjectNode line = Log.line("INFO", "session_sweep", eventId);
        line.setAll(SessionViews.sweep(sweep));
        Log.emit(line);
        return sweep;
    }

    /**
     * On the same tick: finishes the redemptions abandoned half way (their call stopped, their client never
     * replayed them), as their replay would.
     */
    public int finishRedemptions(String eventId) {
        int finished;
        try {
            finished = hours.redemptions.finishAbandoned();
        } catch (StorageUnavailableException fault) {
            Log.error("storage unavailable: " + fault.getMessage(), eventId, fault);
            throw fault;
        }
        ObjectNode line = Log.line("INFO", "redemptions_finished", eventId);
        line.put("finished", finished);
        Log.emit(line);
        return finished;
    }

    private APIGatewayV2HTTPResponse createActivity(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(ACTIVITY_FIELDS);
        ActivityService.NewActivity form = new ActivityService.NewActivity(body.string("title"), body.string("category"),
                body.string("communityId"), body.string("start"), body.string("end"), body.string("description"));
        body.requireWellTyped();
        ActivityService.Creation created = hours.activities.create(caller, form, request.header("Idempotency-Key"));
        return ApiResponses.json(201, HoursViews.activity(created.activity()), Map.of(
                "Location", "/activities/" + created.activity().id(),
                "Idempotent-Replayed", Boolean.toString(created.replayed())));
    }

    private APIGatewayV2HTTPResponse listActivities(ApiRequest request) {
        request.caller();
        ActivityService.Filter filter = new ActivityService.Filter(request.query("teamId"), request.query("communityId"),
                request.query("areaId"), request.query("from"), request.query("to"), request.query("limit"),
                request.query("cursor"));
        return ApiResponses.json(200, Views.page(hours.activities.list(filter), HoursViews::activity));
    }

    private APIGatewayV2HTTPResponse record(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("source", "entries"));
        JsonBody source = body.object("source", Set.of("type", "id"));
        String type = source == null ? null : source.string("type");
        String id = source == null ? null : source.string("id");
        List<JsonBody> entries = body.objects("entries", HoursRecorder.MAX_ENTRIES, ENTRY_FIELDS);
        List<HoursRecorder.Entry> parsed = entries == null ? null : entries.stream().map(e -> new HoursRecorder.Entry(
                e.string("volunteerId"), e.number("hours"), e.string("date"), e.string("role"), e.string("note")))
                .toList();
        body.requireWellTyped();
        HoursRecorder.Recording recording = hours.recorder.record(caller, new HoursRecorder.NewHours(type, id, parsed),
                request.header("Idempotency-Key"));
        ObjectNode json = Json.object();
        json.putArray("items").addAll(recording.records().stream().map(HoursViews::record).toList());
        return ApiResponses.json(201, json, Map.of("Idempotent-Replayed", Boolean.toString(recording.replayed())));
    }

    private APIGatewayV2HTTPResponse listRecords(ApiRequest request) {
        Caller caller = request.caller();
        HoursListing.Filter filter = new HoursListing.Filter(request.query("teamId"), request.query("areaId"),
                request.query("status"), request.query("disputed"), request.query("from"), request.query("to"),
                request.query("limit"), request.query("cursor"));
        return ApiResponses.json(200, Views.page(hours.listing.list(caller, filter), HoursViews::record));
    }

    private APIGatewayV2HTTPResponse certify(ApiRequest request) {
        Caller caller = request.caller();
        request.json(Set.of()).requireWellTyped();
        return one(200, hours.certification.certify(caller, request.pathParameter("id")));
    }

    private APIGatewayV2HTTPResponse correct(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("hours", "reason"));
        Double newHours = body.number("hours");
        String reason = body.string("reason");
        body.requireWellTyped();
        HoursRecord correction = hours.certification.correct(caller, request.pathParameter("id"), newHours, reason);
        return ApiResponses.json(201, HoursViews.record(correction), Map.of(
                "ETag", "\"" + correction.version() + "\"", "Location", "/hours/" + correction.id()));
    }

    private APIGatewayV2HTTPResponse dispute(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("reason"));
        String reason = body.string("reason");
        body.requireWellTyped();
        return one(200, hours.certification.dispute(caller, request.pathParameter("id"), reason));
    }

    private APIGatewayV2HTTPResponse volunteerHours(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponses.json(200, HoursViews.volunteerHours(hours.volunteerHours.totals(caller,
                request.pathParameter("id"), request.query("limit"), request.query("cursor"))));
    }

    /** JSON unless the client asks for a page to print ({@code Accept: text/html}). */
    private APIGatewayV2HTTPResponse certificate(ApiRequest request) {
        Caller caller = request.caller();
        Certificate certificate = hours.volunteerHours.certificate(caller, request.pathParameter("id"),
                request.query("districtId"));
        if (request.accepts("text/html")) {
            return ApiResponses.text(200, "text/html", CertificatePage.render(certificate), Map.of("Vary", "Accept"));
        }
        return ApiResponses.json(200, HoursViews.certificate(certificate), Map.of("Vary", "Accept"));
    }

    private APIGatewayV2HTTPResponse recordOf(ApiRequest request, RecordKind kind) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("title", "organiser", "date", "note"));
        String title = body.string("title");
        String organiser = body.string("organiser");
        String date = body.string("date");
        String note = body.string("note");
        body.requireWellTyped();
        VolunteerRecords.Recorded recorded = hours.volunteerRecords.record(caller, request.pathParameter("id"), kind,
                title, organiser, date, note, request.header("Idempotency-Key"));
        return ApiResponses.json(201, HoursViews.volunteerRecord(recorded.record()),
                Map.of("Idempotent-Replayed", Boolean.toString(recorded.replayed())));
    }

    private APIGatewayV2HTTPResponse recordsOf(ApiRequest request, RecordKind kind) {
        Caller caller = request.caller();
        return ApiResponses.json(200, Views.page(new Page<>(hours.volunteerRecords.list(caller,
                request.pathParameter("id"), kind), null), HoursViews::volunteerRecord));
    }

    private APIGatewayV2HTTPResponse certificateIssuer(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, HoursViews.certificateIssuer(hours.certificateIssuers.of(request.pathParameter("id"))));
    }

    private APIGatewayV2HTTPResponse setCertificateIssuer(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("organisation", "personInCharge", "handler", "contact"));
        String organisation = body.string("organisation");
        String personInCharge = body.string("personInCharge");
        String handler = body.string("handler");
        String contact = body.string("contact");
        body.requireWellTyped();
        return ApiResponses.json(200, HoursViews.certificateIssuer(hours.certificateIssuers.set(caller,
                request.pathParameter("id"), organisation, personInCharge, handler, contact)));
    }

    private APIGatewayV2HTTPResponse starLevels(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, HoursViews.starLevels(hours.stars.current()));
    }

    private APIGatewayV2HTTPResponse setStarLevels(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("thresholds"));
        List<Double> thresholds = body.numbers("thresholds", 20);
        body.requireWellTyped();
        if (thresholds == null) {
            throw Problem.invalid("thresholds", "is required");
        }
        return ApiResponses.json(200, HoursViews.starLevels(hours.stars.set(caller, thresholds)));
    }

    private APIGatewayV2HTTPResponse pointsRule(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, HoursViews.pointsRule(hours.pointsRule.current()));
    }

    private APIGatewayV2HTTPResponse setPointsRule(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("pointsPerHour", "cap", "fromLevel"));
        Integer pointsPerHour = body.integer("pointsPerHour");
        Integer cap = body.integer("cap");
        Integer fromLevel = body.integer("fromLevel");
        body.requireWellTyped();
        return ApiResponses.json(200, HoursViews.pointsRule(hours.pointsRule.set(caller, pointsPerHour, cap, fromLevel)));
    }

    private APIGatewayV2HTTPResponse volunteerPoints(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponses.json(200, PointsViews.statement(hours.points.statement(caller, request.pathParameter("id"),
                request.query("cursor"), request.query("limit"))));
    }

    private APIGatewayV2HTTPResponse createMerchant(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("name", "areaId"));
        String name = body.string("name");
        String areaId = body.string("areaId");
        body.requireWellTyped();
        Merchant merchant = hours.merchants.create(caller, request.header("Idempotency-Key"), name, areaId);
        return ApiResponses.json(201, PointsViews.merchant(merchant), Map.of("Location", "/merchants/" + merchant.id()));
    }

    private APIGatewayV2HTTPResponse listMerchants(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, Views.page(hours.merchants.list(request.query("limit"), request.query("cursor")),
                PointsViews::merchant));
    }

    private APIGatewayV2HTTPResponse listItems(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, Views.page(new Page<>(hours.merchants.offers(request.pathParameter("id")), null),
                PointsViews::offer));
    }

    private APIGatewayV2HTTPResponse putItem(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("name", "points", "stock"));
        String name = body.string("name");
        Integer points = body.integer("points");
        Integer stock = body.integer("stock");
        body.requireWellTyped();
        return ApiResponses.json(200, PointsViews.offer(hours.merchants.putItem(caller, request.pathParameter("id"),
                request.pathParameter("itemId"), name, points, stock)));
    }

    private APIGatewayV2HTTPResponse redeem(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("merchantId", "itemId"));
        String merchantId = body.string("merchantId");
        String itemId = body.string("itemId");
        body.requireWellTyped();
        Redemption receipt = hours.redemptions.redeem(caller, request.header("Idempotency-Key"), merchantId, itemId);
        return ApiResponses.json(201, PointsViews.receipt(receipt), Map.of("Location", "/redemptions/" + receipt.id()));
    }

    private APIGatewayV2HTTPResponse redemption(ApiRequest request) {
        Redemptions.Shown shown = hours.redemptions.receipt(request.caller(), request.pathParameter("id"));
        return ApiResponses.json(200, PointsViews.receipt(shown.redemption(), shown.withCode()));
    }

    private APIGatewayV2HTTPResponse handOver(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("code"));
        String code = body.string("code");
        body.requireWellTyped();
        return ApiResponses.json(200, PointsViews.receipt(hours.redemptions.handOver(caller,
                request.pathParameter("id"), code)));
    }

    private APIGatewayV2HTTPResponse tally(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, HoursViews.tally(hours.tallies.tally(request.query("scope"), request.query("id"),
                request.query("period"))));
    }

    private APIGatewayV2HTTPResponse leaderboard(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, HoursViews.leaderboard(hours.tallies.leaderboard(request.query("scope"),
                request.query("period"), request.query("areaId"), request.query("limit"))));
    }

    private APIGatewayV2HTTPResponse export(ApiRequest request) {
        Caller caller = request.caller();
        List<HoursExport.Row> rows = hours.export.rows(caller, request.query("from"), request.query("to"),
                request.query("areaId"));
        return ApiResponses.text(200, "text/csv", HoursCsv.write(rows),
                Map.of("Content-Disposition", "attachment; filename=\"hours.csv\""));
    }

    private APIGatewayV2HTTPResponse createSession(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(SESSION_FIELDS);
        SessionService.NewSession form = new SessionService.NewSession(body.string("start"), body.string("end"),
                body.string("address"), body.number("latitude"), body.number("longitude"), body.integer("radiusMetres"),
                body.integer("quota"), body.bool("confirmationRequired"));
        body.requireWellTyped();
        SessionService.Creation created = hours.sessions.create(caller, request.pathParameter("id"), form,
                request.header("Idempotency-Key"));
        return ApiResponses.json(201, SessionViews.session(created.session()), Map.of(
                "Location", "/sessions/" + created.session().id(),
                "Idempotent-Replayed", Boolean.toString(created.replayed())));
    }

    private APIGatewayV2HTTPResponse listSessions(ApiRequest request) {
        request.caller();
        ObjectNode json = Json.object();
        json.putArray("items").addAll(hours.sessions.ofActivity(request.pathParameter("id")).stream()
                .map(SessionViews::session).toList());
        return ApiResponses.json(200, json);
    }

    private APIGatewayV2HTTPResponse session(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponses.json(200, SessionViews.session(hours.sessions.view(caller, request.pathParameter("id")),
                caller.volunteerId()));
    }

    private APIGatewayV2HTTPResponse signUp(ApiRequest request) {
        Caller caller = request.caller();
        request.json(Set.of()).requireWellTyped();
        return ApiResponses.json(200, SessionViews.signUp(hours.sessions.signUp(caller, request.pathParameter("id"))));
    }

    private APIGatewayV2HTTPResponse cancelSignUp(ApiRequest request) {
        Caller caller = request.caller();
        request.json(Set.of()).requireWellTyped();
        return ApiResponses.json(200, SessionViews.signUp(hours.sessions.cancel(caller, request.pathParameter("id"))));
    }

    private APIGatewayV2HTTPResponse confirm(ApiRequest request) {
        Caller caller = request.caller();
        request.json(Set.of()).requireWellTyped();
        return ApiResponses.json(200, SessionViews.signUp(hours.sessions.confirm(caller, request.pathParameter("id"))));
    }

    /** Never cached: the code changes every minute. */
    private APIGatewayV2HTTPResponse code(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponses.json(200, SessionViews.code(hours.checkIns.code(caller, request.pathParameter("id"))),
                Map.of("Cache-Control", "no-store"));
    }

    private APIGatewayV2HTTPResponse checkIn(ApiRequest request) {
        Caller caller = request.caller();
        CheckIns.Proof proof = proof(request);
        return ApiResponses.json(200, SessionViews.presence(hours.checkIns.checkIn(caller, request.pathParameter("id"),
                proof)));
    }

    private APIGatewayV2HTTPResponse checkOut(ApiRequest request) {
        Caller caller = request.caller();
        CheckIns.Proof proof = proof(request);
        return ApiResponses.json(200, SessionViews.presence(hours.checkIns.checkOut(caller, request.pathParameter("id"),
                proof)));
    }

    private APIGatewayV2HTTPResponse attendance(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponses.json(200, SessionViews.attendance(hours.attendance.of(caller, request.pathParameter("id"))));
    }

    /** Naturally idempotent: calling again certifies what is left and answers the rest as certified already. */
    private APIGatewayV2HTTPResponse certifySession(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("exclude"));
        List<String> exclude = body.strings("exclude", SessionCertification.MAX_EXCLUDED);
        body.requireWellTyped();
        return ApiResponses.json(200, SessionViews.certification(hours.sessionCertification.certifyAll(caller,
                request.pathParameter("id"), exclude)));
    }

    private static CheckIns.Proof proof(ApiRequest request) {
        JsonBody body = request.json(PROOF_FIELDS);
        CheckIns.Proof proof = new CheckIns.Proof(body.string("code"), body.number("latitude"), body.number("longitude"));
        body.requireWellTyped();
        return proof;
    }

    private static APIGatewayV2HTTPResponse one(int status, HoursRecord record) {
        return ApiResponses.json(status, HoursViews.record(record), Map.of("ETag", "\"" + record.version() + "\""));
    }

    /**
     * Every route with the well-formed requests of events/, through the stream entry as Lambda calls it, writes
     * answered from canned responses (Priming).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.everyRoute(http.routeKeys(), event -> {
            try {
                handleRequest(new ByteArrayInputStream(Json.bytes(event)), OutputStream.nullOutputStream(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        hours.base.registry.invalidate();
    }
}
