package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.domain.SlaClock;
import diandan.domain.SlaSummary;
import diandan.port.escalation.SlaSummaryStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One item per area, grouping and day: {@code pk = SLASUM#<areaId>}, {@code sk = <groupBy>#<yyyy-MM-dd>}, and one
 * per area, grouping and month: {@code sk = <groupBy>#month#<yyyy-MM>} (a letter sorts after every digit, so no range
 * of days holds a month, nor a range of months a day); the groups as one JSON text ({@code groups}) and the calendars
 * they were counted in ({@code calendars}). A report's days, or months, of one grouping are one key range: one Query.
 */
public final class DynamoSlaSummaryStore implements SlaSummaryStore {
    static final String PARTITION = "SLASUM#";
    private static final String MONTH = "#month#";
    private static final String GROUPS = "groups";
    private static final String CALENDARS = "calendars";
    /** DynamoDB's largest item: the UTF-8 bytes of the attributes' names and values. */
    static final int MAX_ITEM_BYTES = 400 * 1024;

    private final DynamoDbClient client;
    private final String table;

    public DynamoSlaSummaryStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public List<DaySummary> days(String areaId, String groupBy, LocalDate first, LocalDate last) {
        return query(areaId, groupBy + "#" + first, groupBy + "#" + last, (key, groups, calendars) ->
                new DaySummary(LocalDate.parse(key.substring(key.lastIndexOf('#') + 1)), groups, calendars));
    }

    @Override
    public List<MonthSummary> months(String areaId, String groupBy, YearMonth first, YearMonth last) {
        return query(areaId, groupBy + MONTH + first, groupBy + MONTH + last, (key, groups, calendars) ->
                new MonthSummary(YearMonth.parse(key.substring(key.lastIndexOf('#') + 1)), groups, calendars));
    }

    @Override
    public boolean store(String areaId, String groupBy, DaySummary summary) {
        return put(areaId, groupBy + "#" + summary.day(), summary.groups(), summary.calendars());
    }

    @Override
    public boolean store(String areaId, String groupBy, MonthSummary summary) {
        return put(areaId, groupBy + MONTH + summary.month(), summary.groups(), summary.calendars());
    }

    private interface Parsed<T> {
        T of(String sortKey, Map<String, SlaSummary> groups, Map<String, String> calendars);
    }

    private <T> List<T> query(String areaId, String firstKey, String lastKey, Parsed<T> parsed) {
        List<T> summaries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = Storage.call("read SLA summaries", () -> client.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :p AND sk BETWEEN :first AND :last")
                    .expressionAttributeValues(Map.of(":p", s(PARTITION + areaId), ":first", s(firstKey),
                            ":last", s(lastKey)))
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                summaries.add(parsed.of(Attr.str(item, Keys.SK), groups(parse(Attr.str(item, GROUPS))),
                        calendars(parse(Attr.str(item, CALENDARS)))));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return summaries;
    }

    /** The groups in key order (the null key last) and the calendars by community: the same summary, the same item. */
    private boolean put(String areaId, String sortKey, Map<String, SlaSummary> groups, Map<String, String> calendars) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(PARTITION + areaId));
        item.put(Keys.SK, s(sortKey));
        Map<String, SlaSummary> ordered = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        ordered.putAll(groups);
        item.put(GROUPS, s(Json.write(json(ordered))));
        ObjectNode byCommunity = Json.object();
        new TreeMap<>(calendars).forEach(byCommunity::put);
        item.put(CALENDARS, s(Json.write(byCommunity)));
        if (bytes(item) > MAX_ITEM_BYTES) {
            return false;
        }
        Storage.call("store an SLA summary", () -> client.putItem(b -> b.tableName(table).item(item)));
        return true;
    }

    /** The item's size as DynamoDB counts it: every attribute here is a string. */
    private static long bytes(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length
                + e.getValue().s().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    /** [{key, requests, held, heldNanos, judged: {clock: n}, met: {clock: n}, seconds: {clock: [[s, n], ...]}}] */
    private static ArrayNode json(Map<String, SlaSummary> groups) {
        ArrayNode array = Json.array();
        groups.forEach((key, summary) -> {
            ObjectNode group = array.addObject();
            group.put("key", key);
            group.put("requests", summary.requests());
            group.put("held", summary.held());
            group.put("heldNanos", summary.heldFor().toNanos());
            ObjectNode judged = group.putObject("judged");
            ObjectNode met = group.putObject("met");
            ObjectNode seconds = group.putObject("seconds");
            for (SlaClock clock : SlaClock.values()) {
                judged.put(clock.code(), summary.judged(clock));
                met.put(clock.code(), summary.met(clock));
                ArrayNode counts = seconds.putArray(clock.code());
                summary.secondsTaken(clock).forEach((s, n) -> counts.addArray().add(s).add(n));
            }
        });
        return array;
    }

    private static Map<String, SlaSummary> groups(JsonNode array) {
        Map<String, SlaSummary> groups = new HashMap<>();
        for (JsonNode group : array) {
            Map<SlaClock, Integer> judged = new EnumMap<>(SlaClock.class);
            Map<SlaClock, Integer> met = new EnumMap<>(SlaClock.class);
            Map<SlaClock, Map<Long, Integer>> seconds = new EnumMap<>(SlaClock.class);
            for (SlaClock clock : SlaClock.values()) {
                judged.put(clock, group.get("judged").get(clock.code()).asInt());
                met.put(clock, group.get("met").get(clock.code()).asInt());
                Map<Long, Integer> counts = new TreeMap<>();
                group.get("seconds").get(clock.code()).forEach(pair -> counts.put(pair.get(0).asLong(), pair.get(1).asInt()));
                seconds.put(clock, counts);
            }
            JsonNode key = group.get("key");
            groups.put(key.isNull() ? null : key.asText(), SlaSummary.of(group.get("requests").asInt(), judged, met,
                    seconds, group.get("held").asInt(), Duration.ofNanos(group.get("heldNanos").asLong())));
        }
        return groups;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.read(text);
        } catch (JacksonException e) {
            throw new IllegalStateException("an SLA summary item that this code did not write", e);
        }
    }

    private static Map<String, String> calendars(JsonNode object) {
        Map<String, String> calendars = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            calendars.put(field.getKey(), field.getValue().asText());
        }
        return calendars;
    }
}
