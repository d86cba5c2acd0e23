package diandan.hours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.dynamodb.Keys;
import diandan.adapter.http.Claims;
import diandan.app.hours.HoursRecorder;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.hours.HalfHours;
import diandan.domain.hours.ServiceDates;
import diandan.domain.hours.Tally;
import diandan.domain.hours.TallyKey;
import diandan.domain.hours.TallyScope;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tallies stored in the earlier layout (a month's own item; leaderboard entries on the area indexes, sorted by
 * their total) keep counting: reads add them to the items written since, and the rollup goes on from them exactly.
 */
@ExtendWith(DynaliteExtension.class)
class EarlierTallyLayoutTest {
    static final LocalDate MARCH = LocalDate.parse("2026-03-10");
    /** A month's totals on its year's item: {@code records_03}. */
    static final Pattern MONTH = Pattern.compile("records_(\\d{2})");

    @Test
    void totalsStoredTheEarlierWayKeepCounting(LocalTable table) {
        HoursWorld world = new HoursWorld(table);
        certify(world, MARCH, "v-li", 1.0);
        certify(world, MARCH.plusDays(1), "v-wang", 2.0);
        world.rollup();
        List<Object> before = answers(world);

        Map<String, AreaType> levels = new HashMap<>();
        world.wiring.base.registry.get().areas().forEach(area -> levels.put(area.id(), area.type()));
        int rewritten = toEarlierLayout(table, levels);
        assertTrue(rewritten > 0);
        assertEquals(before, answers(world), "the same answers from the earlier layout's items");
        TallyAudit.assertTalliesMatchRecords(table);

        certify(world, MARCH.plusDays(2), "v-li", 2.0);
        world.rollup();
        assertEquals(new Tally(TallyKey.of(TallyScope.VOLUNTEER, "v-li", "2026-03"), 6, 2, 0),
                world.wiring.tallyStore.tally(TallyKey.of(TallyScope.VOLUNTEER, "v-li", "2026-03")));
        List<Tally> board = world.wiring.tallyStore.leaderboard(TallyScope.VOLUNTEER, AreaType.COMMUNITY, "xinbei",
                "2026-03", 10);
        assertEquals(List.of("v-li", "v-wang"), board.stream().map(t -> t.key().id()).toList());
        assertEquals(List.of(6L, 4L), board.stream().map(Tally::halfHours).toList());
        TallyAudit.assertTalliesMatchRecords(table);
    }

    /** What the tally and leaderboard reads answer for March, 2026 and all time. */
    private static List<Object> answers(HoursWorld world) {
        List<Object> answers = new ArrayList<>();
        for (String period : List.of("2026-03", "2026", "all")) {
            for (String volunteer : List.of("v-li", "v-wang")) {
                answers.add(world.wiring.tallyStore.tally(TallyKey.of(TallyScope.VOLUNTEER, volunteer, period)));
            }
            answers.add(world.wiring.tallyStore.tally(TallyKey.of(TallyScope.COMMUNITY, "xinbei", period)));
            for (Area area : world.wiring.base.registry.get().areas()) {
                if (AreaType.IN_A_DISTRICT.contains(area.type())) {
                    answers.add(world.wiring.tallyStore.leaderboard(TallyScope.VOLUNTEER, area.type(), area.id(), period, 10));
                    answers.add(world.wiring.tallyStore.leaderboard(TallyScope.TEAM, area.type(), area.id(), period, 10));
                }
            }
        }
        return answers;
    }

    /**
     * Rewrites the tallies as the earlier layout stored them: each month out of its year's item into one of its
     * own, each leaderboard entry one item per period on its area level's index. Returns the items it wrote.
     */
    private static int toEarlierLayout(LocalTable table, Map<String, AreaType> levels) {
        int written = 0;
        for (Map<String, AttributeValue> item : TallyAudit.scan(table)) {
            String pk = item.get(Keys.PK).s();
            if (!pk.startsWith("TALLY#") && !pk.startsWith("BOARD#")) {
                continue;
            }
            if (item.get("type").s().equals("board_leaders")) { // the earlier layout had no leaders items
                table.client().deleteItem(b -> b.tableName(table.name()).key(Map.of(Keys.PK, item.get(Keys.PK),
                        Keys.SK, item.get(Keys.SK))));
                continue;
            }
            Map<String, AttributeValue> year = new HashMap<>(item);
            for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                Matcher month = MONTH.matcher(attribute.getKey());
                if (month.matches()) {
                    String suffix = "_" + month.group(1);
                    Map<String, AttributeValue> own = new HashMap<>(item);
                    own.keySet().removeIf(name -> name.contains("_"));
                    own.put("hours", item.get("hours" + suffix));
                    own.put("records", item.get("records" + suffix));
                    own.put("checkInHours", item.get("checkInHours" + suffix));
                    own.put("period", AttributeValue.fromS(item.get("period").s() + "-" + month.group(1)));
                    own.put(Keys.SK, own.get("period")); // a public tally's own month item; an entry's key is set below
                    put(table, pk.startsWith("BOARD#") ? ranked(own, levels) : own);
                    written++;
                    year.keySet().removeIf(name -> name.endsWith(suffix));
                }
            }
            if (pk.startsWith("BOARD#")) {
                table.client().deleteItem(b -> b.tableName(table.name()).key(Map.of(Keys.PK, item.get(Keys.PK),
                        Keys.SK, item.get(Keys.SK))));
                put(table, ranked(year, levels));
            } else {
                put(table, year);
            }
            written++;
        }
        return written;
    }

    /** A leaderboard entry as the earlier layout kept it: its own item for the period, on its area level's index. */
    private static Map<String, AttributeValue> ranked(Map<String, AttributeValue> entry, Map<String, AreaType> levels) {
        String scope = entry.get("scope").s();
        String id = entry.get("id").s();
        String area = entry.get("areaId").s();
        String period = entry.get("period").s();
        String indexKey = switch (levels.get(area)) {
            case COMMUNITY -> Keys.COMMUNITY_KEY;
            case STREET -> Keys.STREET_KEY;
            default -> Keys.DISTRICT_KEY;
        };
        Map<String, AttributeValue> ranked = new HashMap<>(entry);
        ranked.put(Keys.PK, AttributeValue.fromS("RANK#" + scope + "#" + area + "#" + id));
        ranked.put(Keys.SK, AttributeValue.fromS(period));
        ranked.put(indexKey, AttributeValue.fromS("RANK#" + scope + "#" + period + "#" + area));
        ranked.put(Keys.LIST_SORT, AttributeValue.fromS(String.format("%010d",
                HalfHours.fromHours(new BigDecimal(entry.get("hours").n()))) + "#" + id));
        return ranked;
    }

    private static void put(LocalTable table, Map<String, AttributeValue> item) {
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    private static void certify(HoursWorld world, LocalDate day, String volunteer, double hours) {
        Instant morning = day.atTime(9, 0).atZone(ServiceDates.ZONE).toInstant();
        String request = world.resolvedRequest(HoursWorld.CARE, morning, morning.plus(Duration.ofHours(3)));
        world.wiring.recorder.record(Claims.caller(HoursWorld.LEADER), new HoursRecorder.NewHours("request", request,
                        List.of(new HoursRecorder.Entry(volunteer, hours, day.toString(), null, null))), null).records()
                .forEach(r -> world.wiring.certification.certify(Claims.caller(HoursWorld.DISPATCHER), r.id()));
    }
}
