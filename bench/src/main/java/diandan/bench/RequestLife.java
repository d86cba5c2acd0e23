package diandan.bench;

import static diandan.devkit.ApiEvents.as;
import static diandan.devkit.ApiEvents.load;
import static diandan.devkit.ApiEvents.withBody;
import static diandan.devkit.ApiEvents.withHeader;
import static diandan.devkit.ApiEvents.withPath;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.RequestItems;
import diandan.devkit.ApiEvents;
import diandan.devkit.CapacityMeter;
import diandan.devkit.ItemSize;
import diandan.domain.Team;
import diandan.domain.hours.ServiceDates;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Section 3: what one request costs from submission to its volunteer's hours in the tallies, step by step
 * through the functions on the metered client, and what the rollup costs per record when it works in batches.
 */
final class RequestLife {
    /** Records in the rollup batch measured beside the life. */
    static final int BATCH = 100;
    /** The first steps of the life: the request's own state changes, submit to rate. */
    static final int STATE_CHANGES = 6;

    /** A step of the life: its cost, and the request item's size after it (UTF-8, and as dynalite counts). */
    record Step(String name, String route, CapacityMeter.Reading cost, long itemBytes, long dynaliteBytes) {
    }

    record Result(List<Step> steps, CapacityMeter.Reading total, CapacityMeter.Reading batch) {
    }

    private final Desk desk;

    RequestLife(Desk desk) {
        this.desk = desk;
    }

    Result run(Markdown report) {
        System.out.println("request life");
        List<Step> steps = new ArrayList<>();
        Map<String, String> resident = ApiEvents.resident("resident-" + UUID.randomUUID());
        JsonNode submitted = Desk.body(step(steps, "submit (routed to a team at once)", "IntakeFunction", null,
                withHeader(as(load("submit-request.json"), resident), "Idempotency-Key", UUID.randomUUID().toString())));
        String id = submitted.path("id").asText();
        steps.set(0, withItem(steps.get(0), id));
        String team = submitted.path("teamId").asText();
        Map<String, String> leader = Desk.leader(team);
        step(steps, "accept", "AssignmentFunction", id, as(withPath(load("accept-request.json"), "id", id), leader));
        step(steps, "reply", "AssignmentFunction", id, as(withPath(load("reply-request.json"), "id", id), leader));
        step(steps, "start", "AssignmentFunction", id, as(withPath(load("start-request.json"), "id", id), leader));
        step(steps, "resolve", "AssignmentFunction", id, as(withPath(load("resolve-request.json"), "id", id), leader));
        step(steps, "rate", "IntakeFunction", id, as(withPath(load("rate-request.json"), "id", id), resident));
        Team served = desk.wiring.registry.get().team(team).orElseThrow();
        String hours = "{\"source\":{\"type\":\"request\",\"id\":\"" + id + "\"},\"entries\":[{\"volunteerId\":\""
                + served.members().get(0) + "\",\"hours\":2.5,\"date\":\"" + ServiceDates.dateOf(Instant.now())
                + "\",\"role\":\"上门代购\"}]}";
        JsonNode recorded = Desk.body(step(steps, "record hours (one volunteer)", "HoursFunction", null,
                withHeader(as(withBody(load("record-hours.json"), hours), leader), "Idempotency-Key", UUID.randomUUID().toString())));
        String record = recorded.path("items").path(0).path("id").asText();
        step(steps, "certify", "HoursFunction", null, as(withPath(load("certify-hours.json"), "id", record), Desk.DISPATCHER));
        step(steps, "tallied by the rollup (this record alone)", "HoursFunction", null, ApiEvents.schedule("hours-rollup-tick.json"));

        CapacityMeter.Reading total = CapacityMeter.NOTHING;
        for (Step step : steps) {
            total = total.plus(step.cost());
        }
        Result result = new Result(steps, total, batch());
        write(report, result);
        return result;
    }

    private byte[] step(List<Step> steps, String name, String functionId, String requestId, Object event) {
        CapacityMeter.Reading before = desk.meter.read();
        byte[] answer = desk.invoke(functionId, LambdaRuntime.json(event), true);
        CapacityMeter.Reading cost = desk.meter.read().minus(before);
        String status = LambdaRuntime.status(answer);
        if (!status.startsWith("2") && !status.equals("ok")) {
            throw new IllegalStateException(name + " answered " + status + ": " + new String(answer));
        }
        String route = event instanceof com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent http
                ? "`" + http.getRouteKey() + "`" : "schedule";
        Step step = new Step(name, route, cost, 0, 0);
        steps.add(requestId == null ? step : withItem(step, requestId));
        return answer;
    }

    /** The step with the size of the request's item as it left it. */
    private Step withItem(Step step, String requestId) {
        Map<String, AttributeValue> item = desk.client.getItem(b -> b.tableName(desk.table)
                .key(RequestItems.key(requestId))).item();
        return new Step(step.name(), step.route(), step.cost(), ItemSize.of(item), ItemSize.asDynaliteCounts(item));
    }

    /** A rollup of {@link #BATCH} certified records of many teams and volunteers: its cost, to divide by the records. */
    private CapacityMeter.Reading batch() {
        for (int i = 0; i < BATCH; i++) {
            desk.certified(desk.record(desk.nextTurn()));
        }
        CapacityMeter.Reading before = desk.meter.read();
        desk.invoke("HoursFunction", LambdaRuntime.json(ApiEvents.schedule("hours-rollup-tick.json")), true);
        return desk.meter.read().minus(before);
    }

    private static void write(Markdown report, Result result) {
        report.heading(2, "3. Capacity of a whole request life")
                .paragraph("One request from submission to its volunteer's hours in the tallies, through the functions "
                        + "as the API and the schedule call them, each call on the metered client. **WCU billed** is what "
                        + "DynamoDB bills, computed from every written item as it was before and after the write "
                        + "(`devkit/…/WriteCost.java`): the table's part is the larger of the old and new item per started "
                        + "KB, in UTF-8 bytes (dynalite counts strings in UTF-16 units, a third of the bytes of Chinese "
                        + "text); each global secondary index whose entry the write adds, changes or removes adds its "
                        + "projected entry's KBs (ALL: the whole item; KEYS_ONLY: the keys), twice when the entry's key "
                        + "moves (delete + put), nothing when no projected attribute changed. dynalite reports the table's "
                        + "part only (**WCU engine**). A write refused by its condition bills the table's part only.");
        Markdown.Table table = report.table("step", "route", "DynamoDB calls:", "RCU:", "WCU engine:", "WCU billed:",
                "of which indexes:", "request item after (bytes, UTF-8):", "(as dynalite counts):");
        for (Step s : result.steps()) {
            CapacityMeter.Reading c = s.cost();
            table.row(s.name(), s.route(), c.totalCalls(), Markdown.number(c.readUnits(), 1),
                    Markdown.number(c.engineWriteUnits(), 0), Markdown.number(c.writeUnits(), 0),
                    Markdown.number(c.indexUnits(), 0), s.itemBytes() == 0 ? "" : Long.toString(s.itemBytes()),
                    s.dynaliteBytes() == 0 ? "" : Long.toString(s.dynaliteBytes()));
        }
        CapacityMeter.Reading t = result.total();
        table.row("**whole life**", "", t.totalCalls(), Markdown.number(t.readUnits(), 1),
                Markdown.number(t.engineWriteUnits(), 0), "**" + Markdown.number(t.writeUnits(), 0) + "**",
                Markdown.number(t.indexUnits(), 0), "", "");
        table.end();
        report.paragraph("The life's index writes by index: " + t.indexWriteUnits().entrySet().stream()
                .map(e -> e.getKey() + " " + Markdown.number(e.getValue(), 0)).collect(Collectors.joining(", "))
                + ". The request's own state changes (submit to rate) bill "
                + Markdown.number(result.steps().subList(0, STATE_CHANGES).stream().mapToDouble(s -> s.cost().writeUnits()).sum(), 0)
                + " WCU; each also records the team's load (one small UpdateItem), and the submission the routing choice.");
        CapacityMeter.Reading b = result.batch();
        report.paragraph("The rollup works in batches: one run over " + BATCH + " certified records of many teams and "
                + "volunteers billed " + Markdown.number(b.writeUnits(), 0) + " WCU and " + Markdown.number(b.readUnits(), 1)
                + " RCU in " + b.totalCalls() + " calls: **" + Markdown.number(b.writeUnits() / BATCH, 1)
                + " WCU per record**, against " + Markdown.number(result.steps().get(result.steps().size() - 1).cost().writeUnits(), 0)
                + " for a record tallied alone (the volunteer's, team's, areas' and category's totals, each for the month, "
                + "the year and all time, are shared by the records of a batch).");
    }
}
