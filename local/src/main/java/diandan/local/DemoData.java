package diandan.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import diandan.adapter.RegistryFile;
import diandan.adapter.dynamodb.DynamoCalendarRepository;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.adapter.http.CalendarFields;
import diandan.domain.calendar.ServiceCalendar;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The demo district, loaded once into a new local table: {@code local/demo/registry.json} through the same
 * loader a deployment's seed uses, its 2026 calendar ({@code local/demo/calendar-2026.json}, a body of
 * {@code PUT /calendars/{areaId}}) and community sanpu's own, its teams' service projects ({@link DemoProjects}), then the requests, hours and alert the files in {@code events/} act on
 * ({@link DemoRequests}), and the people's notification settings ({@link DemoNotifications}). A marker
 * item, written after the load, travels with the data: a restart
 * on kept data loads nothing, a fresh or in-memory table gets the demo.
 */
final class DemoData {
    static final String FILE = "local/demo/registry.json";
    /** The 2026 national holidays and make-up workdays, on weekday hours: the district's calendar. */
    static final String CALENDAR_FILE = "local/demo/calendar-2026.json";
    private static final String CALENDAR_AREA = "weicheng";
    /** A community's own calendar (a lunch break, Saturday mornings): the one {@code events/delete-calendar.json} removes. */
    private static final String COMMUNITY_CALENDAR_FILE = "local/demo/calendar-2026-sanpu.json";
    private static final String COMMUNITY_CALENDAR_AREA = "sanpu";
    private static final String MARKER_PARTITION = "LOCAL#stack";
    private static final String MARKER_SORT = "DEMO_LOADED";

    private DemoData() {
    }

    private static ServiceCalendar calendar(Path file) {
        try {
            return CalendarFields.calendarIn(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** @return whether the demo was loaded now (false: it was there already) */
    static boolean loadOnce(DynamoDbClient client, String table, List<String> keyNames, Path root) {
        Map<String, AttributeValue> marker = Map.of(
                keyNames.get(0), AttributeValue.fromS(MARKER_PARTITION),
                keyNames.get(1), AttributeValue.fromS(MARKER_SORT));
        if (client.getItem(b -> b.tableName(table).key(marker).consistentRead(true)).hasItem()) {
            return false;
        }
        RegistryFile.load(root.resolve(FILE), new DynamoRegistryRepository(client, table));
        DynamoCalendarRepository calendars = new DynamoCalendarRepository(client, table);
        calendars.put(CALENDAR_AREA, calendar(root.resolve(CALENDAR_FILE)));
        calendars.put(COMMUNITY_CALENDAR_AREA, calendar(root.resolve(COMMUNITY_CALENDAR_FILE)));
        DemoProjects.load(client, table, root.resolve(DemoProjects.FILE));
        DemoRequests.load(client, table);
        DemoNotifications.load(client, table);
        DemoPoints.load(client, table);
        Map<String, AttributeValue> item = new java.util.HashMap<>(marker);
        item.put("file", AttributeValue.fromS(FILE));
        item.put("loadedAt", AttributeValue.fromS(Instant.now().toString()));
        client.putItem(b -> b.tableName(table).item(item));
        return true;
    }
}
