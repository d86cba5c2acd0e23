package diandan.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.log.Log;
import diandan.devkit.ApiEvents;

/** One route for several keys ({@link HttpFunction#each}): it answers those keys, each as itself, and no other. */
class HttpFunctionRoutesTest {
    @AfterEach
    void restoreLog() {
        Log.sink(System.out::println);
    }

    @Test
    void oneRouteAnswersEachOfItsKeysAndNoOther() {
        Log.sink(line -> { });
        HttpFunction function = new HttpFunction("IntakeFunction", HttpFunction.each(
                request -> APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(request.routeKey()).build(),
                "POST /requests", "GET /requests/{id}"));

        assertEquals(Set.of("POST /requests", "GET /requests/{id}"), function.routeKeys());
        assertEquals("POST /requests",
                function.handle(ApiEvents.route("POST /requests", ApiEvents.resident("resident-1"))).getBody());
        assertEquals("GET /requests/{id}",
                function.handle(ApiEvents.route("GET /requests/{id}", ApiEvents.resident("resident-1"))).getBody());
        assertEquals(404, function.handle(ApiEvents.route("GET /requests", ApiEvents.resident("resident-1")))
                .getStatusCode());
    }
}
