package diandan.local.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.Template;
import diandan.local.HandlerInvoker;
import diandan.local.ScheduleExpression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The template's functions as the simulation calls them: each handler built by its seam constructor (client,
 * table, clock) on the throwaway table and the virtual clock, called through the method the template names
 * with the events API Gateway and EventBridge would send; and the template's schedules, fired at their virtual
 * times. Counts every answer by route and status; a 5xx or a failed tick is an error of the run.
 */
final class Desk {
    /** One schedule of the template and when it fires next. */
    static final class Schedule {
        final String functionId;
        final String eventId;
        final ScheduleExpression expression;
        Instant next;

        Schedule(String functionId, String eventId, ScheduleExpression expression, Instant next) {
            this.functionId = functionId;
            this.eventId = eventId;
            this.expression = expression;
            this.next = next;
        }
    }

    /** An answer: its status and body (null when there is none). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final Map<String, HandlerInvoker> byRoute = new HashMap<>();
    private final Map<String, HandlerInvoker> byFunction = new HashMap<>();
    private final List<Schedule> schedules = new ArrayList<>();
    /** "POST /requests 201" → how many. */
    final Map<String, Integer> answers = new TreeMap<>();
    final List<String> errors = new ArrayList<>();
    final Map<String, Integer> ticks = new TreeMap<>();
    /** Wall time spent in each function, schedules and routes alike, in nanoseconds. */
    final Map<String, Long> nanos = new TreeMap<>();

    Desk(Template template, DynamoDbClient client, String table, Clock clock, Instant origin) {
        Map<String, HandlerInvoker> built = new LinkedHashMap<>();
        for (Template.Function function : template.functions()) {
            try {
                Object handler = Class.forName(function.handlerClass())
                        .getConstructor(DynamoDbClient.class, String.class, Clock.class)
                        .newInstance(client, table, clock);
                built.put(function.logicalId(), HandlerInvoker.of(function, handler, line -> { }));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(function.logicalId() + " cannot be built on the simulation's table: " + e, e);
            }
        }
        byFunction.putAll(built);
        for (Template.Route route : template.routes()) {
            byRoute.put(route.routeKey(), built.get(route.functionId()));
        }
        for (Template.Schedule schedule : template.schedules()) {
            ScheduleExpression expression = ScheduleExpression.parse(schedule.expression(), origin);
            expression.next(origin.minusMillis(1)).ifPresent(at ->
                    schedules.add(new Schedule(schedule.functionId(), schedule.eventId(), expression, at)));
        }
    }

    List<Schedule> schedules() {
        return schedules;
    }

    /** One call of a route by a caller with these claims. */
    Answer call(String routeKey, Map<String, String> claims, Map<String, String> path, JsonNode body,
                String idempotencyKey) {
        APIGatewayV2HTTPEvent event = ApiEvents.route(routeKey, claims);
        if (path != null) {
            event.setPathParameters(new HashMap<>(path));
            String raw = routeKey.substring(routeKey.indexOf(' ') + 1);
            for (Map.Entry<String, String> p : path.entrySet()) {
                raw = raw.replace("{" + p.getKey() + "}", p.getValue());
            }
            event.setRawPath(raw);
        } else {
            event.setRawPath(routeKey.substring(routeKey.indexOf(' ') + 1));
        }
        if (body != null) {
            event.setBody(Json.write(body));
        }
        if (idempotencyKey != null) {
            ApiEvents.withHeader(event, "Idempotency-Key", idempotencyKey);
        }
        int status;
        JsonNode answer = null;
        long started = System.nanoTime();
        try {
            APIGatewayV2HTTPResponse response = byRoute.get(routeKey).http(event);
            status = response.getStatusCode();
            if (response.getBody() != null && !response.getBody().isEmpty()) {
                answer = Json.read(response.getBody());
            }
        } catch (Exception e) {
            status = 500;
            errors.add(routeKey + " threw " + e);
        }
        nanos.merge(routeKey, System.nanoTime() - started, Long::sum);
        answers.merge(routeKey + " " + status, 1, Integer::sum);
        if (status >= 500) {
            errors.add(routeKey + " answered " + status + ": " + (answer == null ? "" : Json.write(answer)));
        }
        return new Answer(status, answer);
    }

    /** Fires one schedule as EventBridge would at its time, and moves it to its next time. */
    void fire(Schedule schedule) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setTime(new DateTime(schedule.next.truncatedTo(ChronoUnit.SECONDS).toEpochMilli(), DateTimeZone.UTC));
        event.setResources(List.of("simulation/" + schedule.functionId + schedule.eventId));
        event.setDetail(new HashMap<>());
        long started = System.nanoTime();
        try {
            byFunction.get(schedule.functionId).invoke(event);
            ticks.merge(schedule.functionId, 1, Integer::sum);
        } catch (Exception e) {
            errors.add(schedule.functionId + " " + schedule.eventId + " tick at " + schedule.next + " failed: " + e);
        }
        nanos.merge(schedule.functionId + " tick", System.nanoTime() - started, Long::sum);
        schedule.next = schedule.expression.next(schedule.next).orElse(Instant.MAX);
    }
}
