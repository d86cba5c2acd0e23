package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.strings;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import diandan.domain.Codes;
import diandan.domain.calendar.ServiceCalendar;
import diandan.domain.calendar.ServiceSpan;
import diandan.port.calendar.CalendarRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Areas' calendars under one partition ({@code pk = CALENDAR}, {@code sk = AREA#<id>}), one item each (a
 * decade of holidays is about 6 KB): loading them all is one Query, a page per ~150 calendars.
 */
public final class DynamoCalendarRepository implements CalendarRepository {
    private static final String PARTITION = "CALENDAR";
    private static final String AREA = "AREA#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoCalendarRepository(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Map<String, ServiceCalendar> all() {
        Map<String, ServiceCalendar> calendars = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = Storage.call("read calendars", () -> client.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s(PARTITION)))
                    .exclusiveStartKey(from)));
            page.items().forEach(item -> calendars.put(Attr.str(item, "areaId"), calendar(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return calendars;
    }

    @Override
    public void put(String areaId, ServiceCalendar calendar) {
        Map<String, AttributeValue> weekly = new HashMap<>();
        calendar.weekly().forEach((day, spans) ->
                weekly.put(Codes.of(day), strings(spans.stream().map(ServiceSpan::toString).toList())));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(PARTITION));
        item.put(Keys.SK, s(AREA + areaId));
        item.put("areaId", s(areaId));
        item.put("zone", s(calendar.zone().getId()));
        item.put("weekly", AttributeValue.fromM(weekly));
        item.put("holidays", strings(calendar.holidays().stream().map(LocalDate::toString).toList()));
        item.put("makeUpWorkdays", strings(calendar.makeUpWorkdays().stream().map(LocalDate::toString).toList()));
        Storage.call("write calendar", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public boolean remove(String areaId) {
        // the old item comes back only when there was one: one call tells a removal from a retry's nothing-to-remove
        return Storage.call("remove calendar", () -> client.deleteItem(b -> b.tableName(table)
                .key(Map.of(Keys.PK, s(PARTITION), Keys.SK, s(AREA + areaId))).returnValues(ReturnValue.ALL_OLD)))
                .hasAttributes();
    }

    private static ServiceCalendar calendar(Map<String, AttributeValue> item) {
        Map<DayOfWeek, List<ServiceSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        item.get("weekly").m().forEach((day, spans) -> Codes.parse(DayOfWeek.class, day).ifPresent(d ->
                weekly.put(d, new ArrayList<>(spans.l().stream().map(span -> ServiceSpan.parse(span.s())).toList()))));
        return new ServiceCalendar(ZoneId.of(Attr.str(item, "zone")), weekly, dates(item, "holidays"),
                dates(item, "makeUpWorkdays"));
    }

    private static TreeSet<LocalDate> dates(Map<String, AttributeValue> item, String name) {
        return new TreeSet<>(Attr.strList(item, name).stream().map(LocalDate::parse).toList());
    }
}
