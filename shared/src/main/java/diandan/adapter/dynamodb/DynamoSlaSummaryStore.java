package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * One item per area, grouping and day: {@code pk = SLASUM#<areaId>}, {@code sk = <groupBy>#<yyyy-MM-dd>}, the
 * groups as one JSON text ({@code groups}) and the calendars they were counted in ({@code calendars}). A report's
 * days of one grouping are one key range: one Query.
 */
public final class DynamoSlaSummaryStore implements SlaSummaryStore {
    static final String PARTITION = "SLASUM#";
    private static final String GROUPS = "groups";
    private static final String CALENDARS = "calendars";

    private final DynamoDbClient client;
    private final String table;

    public DynamoSlaSummaryStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public List<DaySummary> days(String areaId, String groupBy, LocalDate first, LocalDate last) {
        List<DaySummary> days = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = Storage.call("read SLA summaries", () -> client.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :p AND sk BETWEEN :first AND :last")
                    .expressionAttributeValues(Map.of(":p", s(PARTITION + areaId),
                            ":first", s(groupBy + "#" + first), ":last", s(groupBy + "#" + last)))
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = Attr.str(item, Keys.SK);
                days.add(new DaySummary(LocalDate.parse(sk.substring(sk.indexOf('#') + 1)),
                        groups(parse(Attr.str(item, GROUPS))), calendars(parse(Attr.str(item, CALENDARS)))));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return days;
    }

    @Override
    public void store(String areaId, String groupBy, DaySummary summary) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(PARTITION + areaId));
        item.put(Keys.SK, s(groupBy + "#" + summary.day()));
        item.put(GROUPS, s(Json.write(json(summary.groups()))));
        ObjectNode calendars = Json.object();
        summary.calendars().forEach(calendars::put);
        item.put(CALENDARS, s(Json.write(calendars)));
        Storage.call("store an SLA summary", () -> client.putItem(b -> b.tableName(table).item(item)));
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
