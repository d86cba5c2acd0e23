package diandan.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
 * The DynamoDB calls the main state-changing routes make one after another ({@link StoreProbe.Reading#sequentialCalls}:
 * calls made at the same time count once), on a container's first event (a new deployment, its caches empty) and on
 * the next event of the same container, each on a fresh subject. In a region each is a round trip of about 5 ms:
 * a change that adds one fails here, and the numbers are those of docs/performance.md.
 */
@ExtendWith(DynaliteExtension.class)
class RoundTripsTest {
    /** A route's call and its round trips on a container's first event and on a warm one. */
    record Route(String file, Subject subject, Who who, boolean keyed, int firstEvent, int warm) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("submit-request.json", Subject.FILE, Who.OWNER, true, 4, 3),
            new Route("accept-request.json", Subject.DISPATCHED, Who.SERVING_LEADER, false, 2, 2),
            new Route("reply-request.json", Subject.ACCEPTED, Who.SERVING_LEADER, false, 2, 2),
            new Route("start-request.json", Subject.ACCEPTED, Who.SERVING_LEADER, false, 2, 2),
            new Route("resolve-request.json", Subject.ACCEPTED, Who.SERVING_LEADER, false, 3, 3),
            new Route("dispatch-request.json", Subject.DISPATCHED, Who.AREA_DISPATCHER, false, 2, 2),
            new Route("decline-request.json", Subject.DISPATCHED, Who.SERVING_LEADER, false, 3, 2),
            new Route("cancel-request.json", Subject.DISPATCHED, Who.OWNER, false, 3, 3),
            new Route("rate-request.json", Subject.RESOLVED, Who.OWNER, false, 2, 2),
            new Route("record-hours.json", Subject.HOURS_FOR_RESOLVED, Who.SERVING_LEADER, true, 4, 3),
            // the record's queue entry for the rollup before the record: the rollup's mark then moves no index
            // entry of the record, and a certification that stops in between is closed by the rollup
            new Route("certify-hours.json", Subject.PENDING_RECORD, Who.AREA_DISPATCHER, false, 4, 3));

    static World world;
    static LocalTable table;

    @BeforeAll
    static void setUp(LocalTable localTable) {
        table = localTable;
        world = new World(localTable);
    }

    @TestFactory
    Stream<DynamicTest> eachRouteMakesItsRoundTripsOnAFirstAndOnAWarmEvent() {
        return ROUTES.stream().map(route -> DynamicTest.dynamicTest(route.file(), () -> {
            StoreProbe probe = StoreProbe.on(table).build();
            Deployment container = new Deployment(Template.load(), probe.client(), table.name(), world.hours.clock);
            assertEquals(List.of(route.firstEvent(), route.warm()), List.of(sequentialCalls(route, container, probe),
                    sequentialCalls(route, container, probe)), route.file() + ": round trips on the first event, then warm");
        }));
    }

    private static int sequentialCalls(Route route, Deployment container, StoreProbe probe) {
        String owner = world.newResident();
        APIGatewayV2HTTPEvent event = route.subject().prepare(world, owner, ApiEvents.load(route.file()));
        if (route.keyed()) {
            ApiEvents.withHeader(event, "Idempotency-Key", UUID.randomUUID().toString());
        }
        StoreProbe.Reading before = probe.reading();
        APIGatewayV2HTTPResponse response = container.call(ApiEvents.as(event, route.who().claims(owner)));
        assertTrue(response.getStatusCode() < 300, route.file() + ": " + response.getBody());
        return probe.reading().minus(before).sequentialCalls();
    }
}
