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
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.dynamodb.RequestItems;
import diandan.devkit.ApiEvents;
import diandan.devkit.ItemSize;
import diandan.devkit.StoreProbe;
import diandan.devkit.TableDefinition;
import diandan.devkit.WriteCost;
import diandan.domain.Team;
import diandan.domain.hours.ServiceDates;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * Section 3: what one request costs from submission to its volunteer's hours in the tallies, step by step
 * through the functions on the metered client, and what the rollup costs per record when it works in batches.
 */
final class RequestLife {
    /**
     * The rollup's write units before and after its tallies moved to a year's item per scope and leaderboard
     * entries left the area indexes: stable counts that {@code RollupCostTest} asserts, so written as they stand.
     */
    static final String ROLLUP_ITEMS = "What a record's tallies cost the rollup, counted by `RollupCostTest` "
            + "(`mvn -pl functions/hours -am test -Dtest=RollupCostTest`; every write billed as above, in a world "
            + "whose tallies exist). A record counts in 36 totals (6 scopes and 6 leaderboard entries, each for the "
            + "month, the year and all time). They were 36 items, the 18 leaderboard entries on the area indexes "
            + "sorted by their total, so each update moved the entry (a table write and two index writes) and was read "
            + "first to compute its sort key. Now a year's item holds its months and a leaderboard entry is an item of "
            + "its area's partition on no index, sorted when read: 24 items, one write each.\n\n"
            + "| run (`RollupCostTest`) | writes before | WCU billed before | writes after | WCU billed after | items read before | items read after |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n"
            + "| a lone record | 42 | 84 | 30 | **36** (43%) | 26 | 8 |\n"
            + "| 3 records of 3 volunteers, one team | 70 | 160 (53.3 a record) | 50 | **68** (22.7 a record, 43%) | 54 | 18 |\n"
            + "| 100 records of 100 volunteers of one team, one day (2 batches: 1,248 totals) | – | 3,033 (30.3 a record) | – | **1,684** (16.8 a record, 56%) | – | – |\n\n"
            + "Where a batch's records share their volunteers and team, its tallies were already few and the rest "
            + "remains: each record's own mark (a table write and its 6 index entries, 7 units), its points ledger "
            + "entry and the plan; where a batch's records share their volunteers and team that is most of it, which this layout does not change (100 records of 4 volunteers of one team, measured once: 999 units before, 900 after). A leaderboard read now reads every entry of its area and year (each volunteer or "
            + "team ranked there that year, whatever their records) and sorts them, where it read the top entries "
            + "of an index.";

    /** Records in the rollup batch measured beside the life. */
    static final int BATCH = 100;
    /** The first steps of the life: the request's own state changes, submit to rate. */
    static final int STATE_CHANGES = 6;

    /** A step of the life: its cost, and the request item's size after it (UTF-8, and as dynalite counts). */
    record Step(String name, String route, StoreProbe.Reading cost, long itemBytes, long dynaliteBytes) {
    }

    /**
     * @param areasKeysOnly what the life's writes would bill were the area indexes (community, street, district)
     *                      KEYS_ONLY: the whole life, and the request's state changes
     * @param entryBytes the closed request's size in an ALL index and in a KEYS_ONLY one
     */
    record Result(List<Step> steps, StoreProbe.Reading total, StoreProbe.Reading batch, double[] areasKeysOnly,
                  long[] entryBytes) {
        /** Read units of a list of {@code requests} such requests from an area index, ALL and KEYS_ONLY. */
        double[] listReads(int requests) {
            double all = Math.ceil(requests * entryBytes[0] / 4096.0) * 0.5;
            double keysOnly = Math.ceil(requests * entryBytes[1] / 4096.0) * 0.5
                    + requests * Math.ceil(entryBytes[0] / 4096.0) * 0.5; // and each item from the table
            return new double[] {all, keysOnly};
        }

        /** The write units of the rollup that tallied the life's record alone (its last step). */
        double rollupAlone() {
            return steps.get(steps.size() - 1).cost().writeUnits();
        }

        /** The write units of the batch's rollup, per record. */
        double rollupPerRecord() {
            return batch.writeUnits() / BATCH;
        }
    }

    /** The indexes the dispatchers' lists and the SLA report read: the candidates for a smaller projection. */
    static final List<String> AREA_INDEXES = List.of("ByCommunity", "ByStreet", "ByDistrict");

    private final Desk desk;

    RequestLife(Desk desk) {
        this.desk = desk;
    }

    Result run(Markdown report) {
        System.out.println("request life");
        TableDefinition table = TableDefinition.fromTemplate(desk.template);
        WriteCost keysOnly = new WriteCost(table.keyAttributes(), table.indexes().stream()
                .map(i -> AREA_INDEXES.contains(i.name())
                        ? new TableDefinition.Index(i.name(), i.keyAttributes(), ProjectionType.KEYS_ONLY, List.of()) : i)
                .toList());
        DoubleAdder keysOnlyUnits = new DoubleAdder();
        desk.meter.watch((before, after) -> keysOnlyUnits.add(keysOnly.write(before, after).total()));
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
        double stateChangesKeysOnly = keysOnlyUnits.sum();
        // fresh: the warm routes measured before this created teams, which routing may choose
        Team served = desk.wiring.registry.fresh().team(team).orElseThrow();
        String hours = "{\"source\":{\"type\":\"request\",\"id\":\"" + id + "\"},\"entries\":[{\"volunteerId\":\""
                + served.members().get(0) + "\",\"hours\":2.5,\"date\":\"" + ServiceDates.dateOf(Instant.now())
                + "\",\"role\":\"上门代购\"}]}";
        JsonNode recorded = Desk.body(step(steps, "record hours (one volunteer)", "HoursFunction", null,
                withHeader(as(withBody(load("record-hours.json"), hours), leader), "Idempotency-Key", UUID.randomUUID().toString())));
        String record = recorded.path("items").path(0).path("id").asText();
        step(steps, "certify", "HoursFunction", null, as(withPath(load("certify-hours.json"), "id", record), Desk.DISPATCHER));
        step(steps, "tallied by the rollup (this record alone)", "HoursFunction", null, ApiEvents.schedule("hours-rollup-tick.json"));

        StoreProbe.Reading total = StoreProbe.Reading.NOTHING;
        for (Step step : steps) {
            total = total.plus(step.cost());
        }
        double lifeKeysOnly = keysOnlyUnits.sum();
        Map<String, AttributeValue> closed = desk.client.getItem(b -> b.tableName(desk.table).key(RequestItems.key(id))).item();
        Map<String, AttributeValue> keys = new java.util.HashMap<>(closed);
        keys.keySet().retainAll(List.of("pk", "sk", "communityKey", "listSort"));
        Result result = new Result(steps, total, batch(), new double[] {lifeKeysOnly, stateChangesKeysOnly},
                new long[] {ItemSize.of(closed), ItemSize.of(keys)});
        write(report, result);
        return result;
    }

    private byte[] step(List<Step> steps, String name, String functionId, String requestId, Object event) {
        StoreProbe.Reading before = desk.meter.reading();
        byte[] answer = desk.invoke(functionId, LambdaRuntime.json(event), true);
        StoreProbe.Reading cost = desk.meter.reading().minus(before);
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
    private StoreProbe.Reading batch() {
        for (int i = 0; i < BATCH; i++) {
            desk.certified(desk.record(desk.nextTurn()));
        }
        StoreProbe.Reading before = desk.meter.reading();
        desk.invoke("HoursFunction", LambdaRuntime.json(ApiEvents.schedule("hours-rollup-tick.json")), true);
        return desk.meter.reading().minus(before);
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
            StoreProbe.Reading c = s.cost();
            table.row(s.name(), s.route(), c.totalCalls(), Markdown.number(c.readUnits(), 1),
                    Markdown.number(c.engineWriteUnits(), 0), Markdown.number(c.writeUnits(), 0),
                    Markdown.number(c.indexUnits(), 0), s.itemBytes() == 0 ? "" : Long.toString(s.itemBytes()),
                    s.dynaliteBytes() == 0 ? "" : Long.toString(s.dynaliteBytes()));
        }
        StoreProbe.Reading t = result.total();
        table.row("**whole life**", "", t.totalCalls(), Markdown.number(t.readUnits(), 1),
                Markdown.number(t.engineWriteUnits(), 0), "**" + Markdown.number(t.writeUnits(), 0) + "**",
                Markdown.number(t.indexUnits(), 0), "", "");
        table.end();
        report.paragraph("The life's index writes by index: " + t.indexWriteUnits().entrySet().stream()
                .map(e -> e.getKey() + " " + Markdown.number(e.getValue(), 0)).collect(Collectors.joining(", "))
                + ". The request's own state changes (submit to rate) bill "
                + Markdown.number(result.steps().subList(0, STATE_CHANGES).stream().mapToDouble(s -> s.cost().writeUnits()).sum(), 0)
                + " WCU; each also records the team's load (one small UpdateItem), and the submission the routing choice.");
        double stateChanges = result.steps().subList(0, STATE_CHANGES).stream().mapToDouble(s -> s.cost().writeUnits()).sum();
        double saved = stateChanges - result.areasKeysOnly()[1]; // the request's own: records and tallies aside
        double extraPerListing = (result.listReads(2500)[1] - result.listReads(2500)[0]) / 2500;
        report.paragraph("Index projections: were the three area indexes (" + String.join(", ", AREA_INDEXES)
                + ") KEYS_ONLY, their entries would change only when a key does, and the same life would bill "
                + Markdown.number(result.areasKeysOnly()[0], 0) + " WCU instead of " + Markdown.number(t.writeUnits(), 0)
                + " (the request's state changes " + Markdown.number(result.areasKeysOnly()[1], 0) + " instead of "
                + Markdown.number(stateChanges, 0) + "). But the dispatchers' lists and the SLA report read the requests "
                + "from these indexes, and each listed request would then be a read of its own from the table (0.5 RCU "
                + "an item instead of 0.5 per 4 KB of entries): a page of 20 requests "
                + Markdown.number(result.listReads(20)[1], 1) + " RCU instead of " + Markdown.number(result.listReads(20)[0], 1)
                + ", an SLA report over 2,500 requests " + Markdown.number(result.listReads(2500)[1], 0) + " instead of "
                + Markdown.number(result.listReads(2500)[0], 0) + ". At on-demand prices (a write unit costs five read "
                + "units) that pays off only while a request is listed fewer than "
                + Markdown.number(saved * 5 / extraPerListing, 0) + " times in its life; a dispatcher's screen that "
                + "shows the open requests and refreshes each minute lists one that often in a few hours, so the area "
                + "indexes stay ALL.");
        StoreProbe.Reading b = result.batch();
        report.paragraph("The rollup works in batches: one run over " + BATCH + " certified records of many teams and "
                + "volunteers billed " + Markdown.number(b.writeUnits(), 0) + " WCU and " + Markdown.number(b.readUnits(), 1)
                + " RCU in " + b.totalCalls() + " calls: **" + Markdown.number(result.rollupPerRecord(), 1)
                + " WCU per record**, against " + Markdown.number(result.rollupAlone(), 0)
                + " for a record tallied alone (the volunteer's, team's, areas' and category's totals are shared by the "
                + "records of a batch; each is a year's item, which holds its months too, and an all-time one).");
        report.paragraph(ROLLUP_ITEMS);
    }
}
