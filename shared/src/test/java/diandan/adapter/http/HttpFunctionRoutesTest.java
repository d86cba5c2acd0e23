package diandan.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import diandan.adapter.log.Log;
import diandan.devkit.ApiEvents;
import diandan.port.ConcurrentChangeException;

/**
 * One route for several keys ({@link HttpFunction#each}): it answers those keys, each as itself, and no other; a
 * race a use case lets escape is the client's 409, never a 500.
 */
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

    @Test
    void aConditionalWriteLostToAnotherCallAndNotAnsweredByItsUseCaseIsAConflict() {
        Log.sink(line -> { });
        HttpFunction function = new HttpFunction("HoursFunction", HttpFunction.each(request -> {
            throw new ConcurrentChangeException("session s-1 is busy");
        }, "POST /sessions/{id}/signup"));

        APIGatewayV2HTTPResponse answer =
                function.handle(ApiEvents.route("POST /sessions/{id}/signup", ApiEvents.resident("resident-1")));
        assertEquals(409, answer.getStatusCode());
        assertEquals("application/problem+json", answer.getHeaders().get("Content-Type"));
        assertTrue(answer.getBody().contains("try again"), answer.getBody());
    }
}
