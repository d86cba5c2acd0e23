package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.devkit.ApiEvents;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.StoreProbe;
import diandan.devkit.Template;

/**
 * The DynamoDB calls made one after another ({@link StoreProbe.Reading#sequentialCalls}) by the state-changing
 * routes that do not change a request or record hours ({@link RoundTripsTest} has those): the registry's, the
 * district settings', alerts', hours' review, activities', sessions', points', projects' and a caller's own
 * settings. Each is measured warm: on a container's second event, each event on a fresh subject, an
 * Idempotency-Key of its own where the event file carries one. At most 2 is the target of docs/performance.md;
 * docs/round-trips.md says why a route above it stays there.
 */
@ExtendWith(DynaliteExtension.class)
class OtherRoundTripsTest {
    /** A route's call and its round trips on a warm container. */
    record Route(String file, Subject subject, Who who, int warm) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("put-category.json", Subject.FILE, Who.DEPLOYMENT_ADMIN, 2),
            new Route("put-area.json", Subject.FILE, Who.ADMIN, 2),
            new Route("create-team.json", Subject.FILE, Who.ADMIN, 3),
            new Route("put-team.json", Subject.FILE, Who.ADMIN, 3),
            new Route("create-volunteer.json", Subject.FILE, Who.ADMIN, 3),
            new Route("put-volunteer.json", Subject.VOLUNTEER, Who.ADMIN, 2),
            new Route("erase-contact.json", Subject.CLOSED, Who.ADMIN, 2),
            new Route("hold-request.json", Subject.ACCEPTED, Who.SERVING_LEADER, 2),
            new Route("resume-request.json", Subject.HELD, Who.SERVING_LEADER, 2),
            new Route("ack-alert.json", Subject.ALERT, Who.AREA_DISPATCHER, 2),
            new Route("put-channel-clocks.json", Subject.FILE, Who.DEPLOYMENT_ADMIN, 2),
            new Route("put-calendar.json", Subject.FILE, Who.ADMIN, 1),
            new Route("delete-calendar.json", Subject.OWN_CALENDAR, Who.ADMIN, 1),
            new Route("create-activity.json", Subject.FILE, Who.SERVING_LEADER, 1),
            new Route("correct-hours.json", Subject.PENDING_RECORD, Who.SERVING_LEADER, 5),
            new Route("dispute-hours.json", Subject.PENDING_RECORD, Who.VOLUNTEER, 2),
            new Route("post-volunteer-trainings.json", Subject.VOLUNTEER, Who.SERVING_LEADER, 2),
            new Route("post-volunteer-awards.json", Subject.VOLUNTEER, Who.SERVING_LEADER, 2),
            new Route("put-certificate-issuer.json", Subject.FILE, Who.ADMIN, 2),
            new Route("put-points-rule.json", Subject.FILE, Who.DEPLOYMENT_ADMIN, 1),
            new Route("create-merchant.json", Subject.FILE, Who.ADMIN, 1),
            new Route("put-merchant-item.json", Subject.MERCHANT, Who.ADMIN, 5),
            new Route("create-redemption.json", Subject.REDEEMABLE, Who.VOLUNTEER, 18),
            new Route("hand-over-redemption.json", Subject.REDEEMED, Who.ADMIN, 3),
            new Route("put-star-levels.json", Subject.FILE, Who.DEPLOYMENT_ADMIN, 1),
            new Route("put-my-notifications.json", Subject.FILE, Who.OWNER, 2),
            new Route("record-wechat-consents.json", Subject.FILE, Who.OWNER, 3),
            new Route("create-session.json", Subject.CARE_ACTIVITY, Who.SERVING_LEADER, 3),
            new Route("sign-up-session.json", Subject.SESSION, Who.OTHER_LEADER, 2),
            new Route("cancel-sign-up.json", Subject.SESSION, Who.VOLUNTEER, 2),
            new Route("confirm-sign-up.json", Subject.SESSION, Who.VOLUNTEER, 2),
            new Route("check-in.json", Subject.SESSION, Who.VOLUNTEER, 2),
            new Route("check-out.json", Subject.CHECKED_IN, Who.VOLUNTEER, 9),
            new Route("certify-session.json", Subject.CHECKED_OUT, Who.SERVING_LEADER, 5),
            new Route("create-project.json", Subject.FILE, Who.ADMIN, 2),
            new Route("put-project.json", Subject.PROJECT, Who.SERVING_LEADER, 3));

    static World world;
    static LocalTable table;

    @BeforeAll
    static void setUp(LocalTable localTable) {
        table = localTable;
        world = new World(localTable);
    }

    @TestFactory
    Stream<DynamicTest> eachRouteMakesItsRoundTripsOnAWarmEvent() {
        return ROUTES.stream().map(route -> DynamicTest.dynamicTest(route.file(), () -> {
            StoreProbe probe = StoreProbe.on(table).build();
            Deployment container = new Deployment(Template.load(), probe.client(), table.name(), world.hours.clock);
            sequentialCalls(route, container, probe);
            assertEquals(route.warm(), sequentialCalls(route, container, probe), route.file() + ": warm round trips");
        }));
    }

    private static int sequentialCalls(Route route, Deployment container, StoreProbe probe) {
        String owner = world.newResident();
        APIGatewayV2HTTPEvent event = route.subject().prepare(world, owner, ApiEvents.load(route.file()));
        Map<String, String> headers = event.getHeaders();
        if (headers != null && headers.keySet().stream().anyMatch("Idempotency-Key"::equalsIgnoreCase)) {
            headers.keySet().removeIf("Idempotency-Key"::equalsIgnoreCase);
            ApiEvents.withHeader(event, "Idempotency-Key", UUID.randomUUID().toString());
        }
        StoreProbe.Reading before = probe.reading();
        APIGatewayV2HTTPResponse response = container.call(ApiEvents.as(event, route.who().claims(owner)));
        assertTrue(response.getStatusCode() < 300, route.file() + ": " + response.getBody());
        return probe.reading().minus(before).sequentialCalls();
    }
}
