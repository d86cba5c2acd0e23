package diandan.assignment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.Wiring;
import diandan.adapter.crypto.IdentityKeys;
import diandan.adapter.dynamodb.DynamoDb;
import diandan.adapter.http.ApiRequest;
import diandan.adapter.http.ApiResponses;
import diandan.adapter.http.ClockFields;
import diandan.adapter.http.HttpFunction;
import diandan.adapter.http.JsonBody;
import diandan.adapter.http.Priming;
import diandan.adapter.http.ProjectViews;
import diandan.adapter.http.Views;
import diandan.app.Saved;
import diandan.app.menu.ProjectForm;
import diandan.app.menu.ProjectService;
import diandan.app.menu.ProjectState;
import diandan.app.registry.RegistryCache;
import diandan.app.registry.RecordFieldsForm;
import diandan.app.registry.RegistryService;
import diandan.app.registry.TeamForm;
import diandan.app.registry.TeamState;
import diandan.app.registry.VolunteerState;
import diandan.app.request.DispatchService;
import diandan.app.request.Holds;
import diandan.domain.Area;
import diandan.domain.Caller;
import diandan.domain.Access;
import diandan.domain.Category;
import diandan.domain.Clocks;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.domain.menu.Project;
import diandan.port.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AssignmentFunction: the registry (areas, categories, teams, volunteers), the teams' service projects (the menu)
 * and the team's side of a request (派单, 接单) over the HTTP API. Parses, calls {@link RegistryService} or {@link DispatchService}, maps.
 */
public final class AssignmentHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private static final Set<String> TEAM_FIELDS = Set.of("name", "categories", "areaIds", "capacity", "leaders",
            "members", "active");

    private final RegistryCache registry;
    private final RegistryService registryAdmin;
    private final DispatchService dispatch;
    private final Holds holds;
    private final ProjectService projects;
    private final HttpFunction http;

    public AssignmentHandler() {
        this(DynamoDb.fromEnvironment(), DynamoDb.tableName(), Clock.systemUTC());
    }

    public AssignmentHandler(DynamoDbClient client, String table, Clock clock) {
        Wiring wiring = new Wiring(client, table, clock, IdentityKeys.fromEnvironment(client, table));
        this.registry = wiring.registry;
        this.registryAdmin = wiring.registryAdmin;
        this.dispatch = wiring.dispatch;
        this.holds = wiring.holds;
        this.projects = wiring.projects;
        this.http = new HttpFunction("AssignmentFunction", HttpFunction.each(this::route,
                "GET /categories",
                "PUT /categories/{code}",
                "GET /areas",
                "PUT /areas/{id}",
                "GET /teams",
                "POST /teams",
                "GET /teams/{id}",
                "PUT /teams/{id}",
                "GET /teams/{id}/requests",
                "POST /volunteers",
                "GET /volunteers/{id}",
                "PUT /volunteers/{id}",
                "POST /requests/{id}/dispatch",
                "POST /requests/{id}/accept",
                "POST /requests/{id}/decline",
                "POST /requests/{id}/reply",
                "POST /requests/{id}/start",
                "POST /requests/{id}/hold",
                "POST /requests/{id}/resume",
                "POST /requests/{id}/resolve",
                "POST /wishes/{id}/claim",
                "GET /projects",
                "POST /projects",
                "GET /projects/{id}",
                "PUT /projects/{id}"));
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event);
    }

    /** The work of each route: one method reference for all of them ({@link HttpFunction#each}). */
    private APIGatewayV2HTTPResponse route(ApiRequest request) {
        return switch (request.routeKey()) {
            case "GET /categories" -> categories(request);
            case "PUT /categories/{code}" -> putCategory(request);
            case "GET /areas" -> areas(request);
            case "PUT /areas/{id}" -> putArea(request);
            case "GET /teams" -> teams(request);
            case "POST /teams" -> createTeam(request);
            case "GET /teams/{id}" -> team(request);
            case "PUT /teams/{id}" -> updateTeam(request);
            case "GET /teams/{id}/requests" -> teamQueue(request);
            case "POST /volunteers" -> createVolunteer(request);
            case "GET /volunteers/{id}" -> volunteer(request);
            case "PUT /volunteers/{id}" -> updateVolunteer(request);
            case "POST /requests/{id}/dispatch" -> dispatchRequest(request);
            case "POST /requests/{id}/accept" -> accept(request);
            case "POST /requests/{id}/decline" -> decline(request);
            case "POST /requests/{id}/reply" -> reply(request);
            case "POST /requests/{id}/start" -> start(request);
            case "POST /requests/{id}/hold" -> hold(request);
            case "POST /requests/{id}/resume" -> resume(request);
            case "POST /requests/{id}/resolve" -> resolve(request);
            case "POST /wishes/{id}/claim" -> claim(request);
            case "GET /projects" -> projects(request);
            case "POST /projects" -> createProject(request);
            case "GET /projects/{id}" -> project(request);
            case "PUT /projects/{id}" -> updateProject(request);
            default -> throw new IllegalStateException("no work for route " + request.routeKey());
        };
    }

    /** The whole list fits one page: the registry is small and read from the cache. */
    private APIGatewayV2HTTPResponse categories(ApiRequest request) {
        request.caller();
        return ApiResponses.json(200, Views.page(new Page<>(registry.get().categories(), null), Views::category));
    }

    private APIGatewayV2HTTPResponse putCategory(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("name", ClockFields.FIELD));
        String name = body.string("name");
        Clocks.Form clocks = ClockFields.read(body);
        body.requireWellTyped();
        Saved<Category> saved = registryAdmin.putCategory(caller, request.pathParameter("code"), name, clocks);
        return saved(saved, Views.category(saved.value()), "/categories/" + saved.value().code());
    }

    private APIGatewayV2HTTPResponse areas(ApiRequest request) {
        return ApiResponses.json(200, Views.page(new Page<>(registryAdmin.areas(request.caller()), null), Views::area));
    }

    private APIGatewayV2HTTPResponse putArea(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("name", "type", "parentId"));
        String name = body.string("name");
        String type = body.string("type");
        String parentId = body.string("parentId");
        body.requireWellTyped();
        Saved<Area> saved = registryAdmin.putArea(caller, request.pathParameter("id"), name, type, parentId);
        return saved(saved, Views.area(saved.value()), "/areas/" + saved.value().id());
    }

    private APIGatewayV2HTTPResponse teams(ApiRequest request) {
        return ApiResponses.json(200, Views.page(registryAdmin.teams(request.caller(), request.query("limit"),
                request.query("cursor")),
                Views::team));
    }

    private APIGatewayV2HTTPResponse createTeam(ApiRequest request) {
        Caller caller = request.caller();
        TeamState created = registryAdmin.createTeam(caller, teamForm(request));
        Team team = created.team();
        return ApiResponses.json(201, Views.team(created), Map.of("Location", "/teams/" + team.id(),
                "ETag", "\"" + team.version() + "\""));
    }

    private APIGatewayV2HTTPResponse team(ApiRequest request) {
        TeamState state = registryAdmin.team(request.caller(), request.pathParameter("id"));
        return ApiResponses.versioned(200, Views.team(state), state.team().version());
    }

    private APIGatewayV2HTTPResponse updateTeam(ApiRequest request) {
        Caller caller = request.caller();
        TeamForm form = teamForm(request);
        TeamState state = registryAdmin.updateTeam(caller, request.pathParameter("id"), request.ifMatch(), form);
        return ApiResponses.versioned(200, Views.team(state), state.team().version());
    }

    private APIGatewayV2HTTPResponse teamQueue(ApiRequest request) {
        Caller caller = request.caller();
        Page<ServiceRequest> queue = dispatch.queue(caller, request.pathParameter("id"), request.query("status"),
                request.query("limit"), request.query("cursor"));
        return ApiResponses.json(200, Views.page(queue, r -> Views.request(r, Access.seesContact(caller, r, registry.get()))));
    }

    private APIGatewayV2HTTPResponse createVolunteer(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("name", "phone", "teamIds", "volunteerNumber", "identity"));
        String name = body.string("name");
        String phone = body.string("phone");
        List<String> teamIds = body.strings("teamIds", RegistryService.MAX_VOLUNTEER_TEAMS);
        RecordFieldsForm recordFields = recordFields(body);
        body.requireWellTyped();
        Saved<VolunteerState> saved = registryAdmin.createVolunteer(caller, name, phone, teamIds, recordFields,
                request.header("Idempotency-Key"));
        return ApiResponses.json(saved.created() ? 201 : 200, volunteer(saved.value(), caller), Map.of(
                "Location", "/volunteers/" + saved.value().volunteer().id(),
                "Idempotent-Replayed", Boolean.toString(!saved.created())));
    }

    private APIGatewayV2HTTPResponse volunteer(ApiRequest request) {
        Caller caller = request.caller();
        VolunteerState state = registryAdmin.volunteer(caller, request.pathParameter("id"));
        return ApiResponses.versioned(200, volunteer(state, caller), state.volunteer().version());
    }

    private APIGatewayV2HTTPResponse updateVolunteer(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("name", "phone", "volunteerNumber", "identity"));
        String name = body.string("name");
        String phone = body.string("phone");
        RecordFieldsForm recordFields = recordFields(body);
        body.requireWellTyped();
        VolunteerState state = registryAdmin.updateVolunteer(caller, request.pathParameter("id"), request.ifMatch(),
                name, phone, recordFields);
        return ApiResponses.versioned(200, volunteer(state, caller), state.volunteer().version());
    }

    /** {@code volunteerNumber} and {@code identity: {type, number}}, as registration and update take them. */
    private static RecordFieldsForm recordFields(JsonBody body) {
        String volunteerNumber = body.string("volunteerNumber");
        JsonBody identity = body.object("identity", Set.of("type", "number"));
        return identity == null ? new RecordFieldsForm(volunteerNumber, null, null)
                : new RecordFieldsForm(volunteerNumber, identity.string("type"), identity.string("number"));
    }

    private APIGatewayV2HTTPResponse dispatchRequest(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("teamId", "reason"));
        String teamId = body.string("teamId");
        String reason = body.string("reason");
        body.requireWellTyped();
        return changed(dispatch.dispatch(caller, request.pathParameter("id"), request.ifMatch(), teamId, reason), caller);
    }

    private APIGatewayV2HTTPResponse accept(ApiRequest request) {
        Caller caller = request.caller();
        request.json(Set.of()).requireWellTyped();
        return changed(dispatch.accept(caller, request.pathParameter("id"), request.ifMatch()), caller);
    }

    private APIGatewayV2HTTPResponse decline(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("reason"));
        String reason = body.string("reason");
        body.requireWellTyped();
        return changed(dispatch.decline(caller, request.pathParameter("id"), request.ifMatch(), reason), caller);
    }

    private APIGatewayV2HTTPResponse reply(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("message", "plannedAt"));
        String message = body.string("message");
        String plannedAt = body.string("plannedAt");
        body.requireWellTyped();
        return changed(dispatch.reply(caller, request.pathParameter("id"), request.ifMatch(), message, plannedAt), caller);
    }

    private APIGatewayV2HTTPResponse start(ApiRequest request) {
        Caller caller = request.caller();
        request.json(Set.of()).requireWellTyped();
        return changed(dispatch.start(caller, request.pathParameter("id"), request.ifMatch()), caller);
    }

    private APIGatewayV2HTTPResponse resolve(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("summary"));
        String summary = body.string("summary");
        body.requireWellTyped();
        return changed(dispatch.resolve(caller, request.pathParameter("id"), request.ifMatch(), summary), caller);
    }

    private APIGatewayV2HTTPResponse hold(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("reason"));
        String reason = body.string("reason");
        body.requireWellTyped();
        return changed(holds.hold(caller, request.pathParameter("id"), request.ifMatch(), reason), caller);
    }

    private APIGatewayV2HTTPResponse resume(ApiRequest request) {
        Caller caller = request.caller();
        request.json(Set.of()).requireWellTyped();
        return changed(holds.resume(caller, request.pathParameter("id"), request.ifMatch()), caller);
    }

    private APIGatewayV2HTTPResponse claim(ApiRequest request) {
        Caller caller = request.caller();
        JsonBody body = request.json(Set.of("teamId"));
        String teamId = body.string("teamId");
        body.requireWellTyped();
        return changed(dispatch.claim(caller, request.pathParameter("id"), request.ifMatch(), teamId), caller);
    }

    /** The menu: any signed-in caller, residents too; projects hold no personal data. */
    private APIGatewayV2HTTPResponse projects(ApiRequest request) {
        request.caller();
        Page<Project> page = projects.list(request.query("communityId"), request.query("teamId"),
                request.query("areaId"), request.query("category"), request.query("limit"), request.query("cursor"));
        return ApiResponses.json(200, Views.page(page, ProjectViews::project));
    }

    private APIGatewayV2HTTPResponse createProject(ApiRequest request) {
        Caller caller = request.caller();
        Saved<ProjectState> saved = projects.create(caller, ProjectViews.form(request.json(ProjectViews.FIELDS)),
                request.header("Idempotency-Key"));
        Project project = saved.value().project();
        return ApiResponses.json(saved.created() ? 201 : 200, ProjectViews.state(saved.value()), Map.of(
                "Location", "/projects/" + project.id(),
                "ETag", "\"" + project.version() + "\"",
                "Idempotent-Replayed", Boolean.toString(!saved.created())));
    }

    private APIGatewayV2HTTPResponse project(ApiRequest request) {
        request.caller();
        ProjectState state = projects.get(request.pathParameter("id"));
        return ApiResponses.versioned(200, ProjectViews.state(state), state.project().version());
    }

    private APIGatewayV2HTTPResponse updateProject(ApiRequest request) {
        Caller caller = request.caller();
        ProjectForm form = ProjectViews.form(request.json(ProjectViews.FIELDS));
        ProjectState state = projects.update(caller, request.pathParameter("id"), request.ifMatch(), form);
        return ApiResponses.versioned(200, ProjectViews.state(state), state.project().version());
    }

    private static TeamForm teamForm(ApiRequest request) {
        JsonBody body = request.json(TEAM_FIELDS);
        TeamForm form = new TeamForm(body.string("name"), body.strings("categories", Team.MAX_CATEGORIES),
                body.strings("areaIds", Team.MAX_AREAS), body.integer("capacity"),
                body.strings("leaders", Team.MAX_LEADERS), body.strings("members", Team.MAX_MEMBERS), body.bool("active"));
        body.requireWellTyped();
        return form;
    }

    private APIGatewayV2HTTPResponse changed(ServiceRequest r, Caller caller) {
        return ApiResponses.versioned(200, Views.request(r, Access.seesContact(caller, r, registry.get())), r.version());
    }

    private ObjectNode volunteer(VolunteerState state, Caller caller) {
        return Views.volunteer(state, Access.seesVolunteerPhone(caller, state.volunteer(), state.teamIds(), registry.get()),
                registryAdmin.identityNumberShownTo(caller, state.volunteer()));
    }

    private static APIGatewayV2HTTPResponse saved(Saved<?> saved, ObjectNode body,
                                                  String location) {
        return ApiResponses.json(saved.created() ? 201 : 200, body, Map.of("Location", location));
    }

    /** Every route with the well-formed requests of events/, writes answered from canned responses (Priming). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.everyRoute(http);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        registry.invalidate();
    }
}
