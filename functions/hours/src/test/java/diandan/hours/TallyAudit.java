package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import diandan.adapter.dynamodb.HoursItems;
import diandan.adapter.dynamodb.Keys;
import diandan.devkit.LocalTable;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.HoursRecord;
import diandan.domain.hours.RecordStatus;
import diandan.domain.hours.TallyKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The property every test of the rollup ends with: every tally, for every scope, period and ranking area,
 * equals the sum recomputed from the certified records; nothing waits in the queue; every batch is done; each
 * chain of corrections counts once; every count log (points, stock) is numbered without a gap, each step in it
 * once, each entry's total the sum of the amounts up to it and never negative. Reads the whole table with Scan,
 * which only a test may do. The system
 * tests end their fault runs with it too.
 */
public final class TallyAudit {
    private TallyAudit() {
    }

    /** Hours and records, per tally: {@code scope|id|area|period}. */
    private record Totals(long halfHours, long records) {
        Totals plus(Totals other) {
            return new Totals(halfHours + other.halfHours, records + other.records);
        }
    }

    /** A tally item's count of records: its period's ({@code records}) or a month's ({@code records_MM}). */
    private static final Pattern HELD = Pattern.compile("records(_(\\d{2}))?");

    public static void assertTalliesMatchRecords(LocalTable table) {
        List<Map<String, AttributeValue>> items = scan(table);
        Map<String, Totals> expected = new TreeMap<>();
        Map<String, Totals> actual = new TreeMap<>();
        Set<String> certified = new HashSet<>();
        List<HoursRecord> records = new ArrayList<>();
        Map<String, List<Map<String, AttributeValue>>> logs = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            String type = item.containsKey("type") ? item.get("type").s() : "";
            if (type.equals("hours_record")) {
                HoursRecord record = HoursItems.fromItem(item);
                records.add(record);
                assertFalse(item.containsKey("queueKey"), "record " + record.id() + " still waits for the rollup");
                if (record.status() == RecordStatus.CERTIFIED) {
                    certified.add(record.id());
                    for (TallyKey key : TallyKey.of(record.facts())) {
                        expected.merge(name(key.scope().code(), key.id(), key.areaId(), key.period()),
                                new Totals(record.halfHours(), 1), Totals::plus);
                    }
                }
            } else if (type.equals("hours_tally")) {
                assertFalse(item.containsKey("queueKey"), "record " + item.get("id").s() + " still waits for the rollup");
            } else if (type.equals("tally")) {
                String area = item.containsKey("areaId") ? item.get("areaId").s() : null;
                if (item.containsKey(Keys.LIST_SORT)) {
                    assertEquals(String.format("%010d", HalfHours.fromHours(new BigDecimal(item.get("hours").n())))
                            + "#" + item.get("id").s(), item.get(Keys.LIST_SORT).s(), "a leaderboard entry sorts by its total");
                }
                // an item holds its period's totals and, on a year's item, each month's under the suffix _MM
                for (String attribute : item.keySet()) {
                    Matcher held = HELD.matcher(attribute);
                    if (held.matches()) {
                        String suffix = held.group(1) == null ? "" : held.group(1);
                        String period = item.get("period").s() + (held.group(1) == null ? "" : "-" + held.group(2));
                        long halfHours = HalfHours.fromHours(new BigDecimal(item.get("hours" + suffix).n()));
                        long count = Long.parseLong(item.get(attribute).n());
                        actual.merge(name(item.get("scope").s(), item.get("id").s(), area, period),
                                new Totals(halfHours, count), Totals::plus);
                    }
                }
            } else if (type.equals("logEntry")) {
                logs.computeIfAbsent(item.get("pk").s(), k -> new ArrayList<>()).add(item);
            } else if (type.equals("rollup_batch")) {
                assertTrue(item.containsKey("done") && item.get("done").bool(), "batch " + item.get("number").n() + " is done");
            }
        }
        for (HoursRecord record : records) {
            if (record.status() == RecordStatus.CERTIFIED) {
                record.supersedes().forEach(replaced -> assertFalse(certified.contains(replaced),
                        "certified " + record.id() + " replaces " + replaced + ", which must not count too"));
            }
        }
        List<String> wrong = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            Totals want = expected.getOrDefault(key, new Totals(0, 0));
            Totals have = actual.getOrDefault(key, new Totals(0, 0));
            if (!want.equals(have)) {
                wrong.add(key + ": tally " + have + ", certified records " + want);
            }
        }
        assertTrue(wrong.isEmpty(), "every tally equals the sum of the certified records it covers; "
                + wrong.size() + " do not:\n" + String.join("\n", wrong.subList(0, Math.min(20, wrong.size()))));
        assertFalse(expected.isEmpty());
        logs.forEach(TallyAudit::assertExactLog);
    }

    /** A count log: entries 1..n, each step once, each total the running sum of the amounts, none below zero. */
    static void assertExactLog(String log, List<Map<String, AttributeValue>> entries) {
        entries.sort(java.util.Comparator.comparing(e -> e.get("sk").s()));
        long sum = 0;
        Set<String> ops = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, AttributeValue> entry = entries.get(i);
            assertEquals(i + 1, Long.parseLong(entry.get("seq").n()), log + " is numbered without a gap");
            assertTrue(ops.add(entry.get("op").s()), log + " holds step " + entry.get("op").s() + " once");
            sum += Long.parseLong(entry.get("amount").n());
            assertEquals(sum, Long.parseLong(entry.get("total").n()), log + ": a total is the sum of the amounts");
            assertTrue(sum >= 0, log + " is never below zero");
        }
    }

    private static String name(String scope, String id, String area, String period) {
        return scope + "|" + id + "|" + (area == null ? "" : area) + "|" + period;
    }

    static List<Map<String, AttributeValue>> scan(LocalTable table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = table.client().scan(b -> b.tableName(table.name()).exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** How many items of each type the table holds: for cost checks. */
    static Map<String, Integer> countByType(LocalTable table) {
        Map<String, Integer> counts = new HashMap<>();
        scan(table).forEach(item -> counts.merge(item.containsKey("type") ? item.get("type").s() : "-", 1, Integer::sum));
        return counts;
    }
}
