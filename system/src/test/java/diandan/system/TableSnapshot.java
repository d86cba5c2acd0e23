package diandan.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import diandan.adapter.dynamodb.RequestItems;
import diandan.devkit.LocalTable;
import diandan.domain.ServiceRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Every item of a table by its key, as a consistent Scan reads it (tests may scan; request paths never do), so
 * that what a call changed can be compared item by item.
 */
record TableSnapshot(Map<String, Map<String, AttributeValue>> items) {
    static TableSnapshot of(LocalTable table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = table.client().scan(ScanRequest.builder().tableName(table.name()).consistentRead(true)
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> items.put(item.get("pk").s() + " / " + item.get("sk").s(), item));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new TableSnapshot(items);
    }

    /** What differs from {@code before}: items added, removed, and changed with the attributes that changed. */
    List<String> changesSince(TableSnapshot before) {
        List<String> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.items.keySet());
        keys.addAll(items.keySet());
        for (String key : keys) {
            Map<String, AttributeValue> was = before.items.get(key);
            Map<String, AttributeValue> is = items.get(key);
            if (was == null) {
                changes.add("added " + key);
            } else if (is == null) {
                changes.add("removed " + key);
            } else if (!was.equals(is)) {
                TreeSet<String> attributes = new TreeSet<>(was.keySet());
                attributes.addAll(is.keySet());
                attributes.removeIf(name -> Objects.equals(was.get(name), is.get(name)));
                changes.add("changed " + key + " " + attributes);
            }
        }
        return changes;
    }

    /**
     * What changed since {@code before}, by kind of item and without ids or times: {@code added request
     * [timeline 2]}, {@code changed request [timeline +1]}, {@code changed LOAD}. Two runs of one operation on like
     * subjects have the same effects, whatever ids and times they make; a step done twice shows as one more.
     */
    List<String> effectsSince(TableSnapshot before) {
        List<String> effects = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.items.keySet());
        keys.addAll(items.keySet());
        for (String key : keys) {
            Map<String, AttributeValue> was = before.items.get(key);
            Map<String, AttributeValue> is = items.get(key);
            if (Objects.equals(was, is)) {
                continue;
            }
            Map<String, AttributeValue> item = is == null ? was : is;
            // a team's load item is made by its first record: whether a run adds or changes one says which team
            // routing chose, not what the run did
            String what = was == null && !kind(item).equals("LOAD") ? "added " : is == null ? "removed " : "changed ";
            TreeMap<String, String> sizes = new TreeMap<>();
            item.forEach((name, value) -> {
                int size = size(value);
                int delta = was == null || is == null ? size : size - size(was.getOrDefault(name, AttributeValue.fromL(List.of())));
                if (size >= 0 && delta != 0) {
                    sizes.put(name, was == null || is == null ? Integer.toString(delta) : (delta > 0 ? "+" : "") + delta);
                }
            });
            effects.add(what + kind(item) + (sizes.isEmpty() ? "" : " " + sizes));
        }
        effects.sort(null);
        return effects;
    }

    /** An item's kind: its {@code type}, else its key's prefix ({@code LOAD} for {@code LOAD#team}). */
    private static String kind(Map<String, AttributeValue> item) {
        AttributeValue type = item.get("type");
        return type != null && type.s() != null ? type.s() : item.get("pk").s().split("#")[0];
    }

    /** How many entries a list, set or map holds; -1 for a scalar. */
    private static int size(AttributeValue value) {
        if (value.hasL()) {
            return value.l().size();
        }
        if (value.hasSs()) {
            return value.ss().size();
        }
        if (value.hasM()) {
            return value.m().size();
        }
        return -1;
    }

    /**
     * Where the teams' loads disagree with the requests: each team's load item must count exactly the requests
     * that are with it and open (dispatched, accepted, in service), as the request items say.
     */
    List<String> loadMismatches() {
        Map<String, TreeSet<String>> expected = new TreeMap<>();
        Map<String, TreeSet<String>> counted = new TreeMap<>();
        items.values().forEach(item -> {
            if (kind(item).equals("request") || kind(item).equals("REQ")) {
                ServiceRequest request = RequestItems.fromItem(item);
                request.loadTeam().ifPresent(team -> expected.computeIfAbsent(team, t -> new TreeSet<>()).add(request.id()));
            } else if (kind(item).equals("LOAD")) {
                TreeSet<String> requests = counted.computeIfAbsent(item.get("pk").s().substring("LOAD#".length()),
                        t -> new TreeSet<>());
                item.forEach((name, value) -> {
                    if (name.startsWith("R#") && Long.parseLong(value.n()) > 0) {
                        requests.add(name.substring(2));
                    }
                });
            }
        });
        List<String> mismatches = new ArrayList<>();
        TreeSet<String> teams = new TreeSet<>(expected.keySet());
        teams.addAll(counted.keySet());
        for (String team : teams) {
            TreeSet<String> want = expected.getOrDefault(team, new TreeSet<>());
            TreeSet<String> have = counted.getOrDefault(team, new TreeSet<>());
            if (!want.equals(have)) {
                mismatches.add(team + " counts " + have + " but has " + want);
            }
        }
        return mismatches;
    }

    int size() {
        return items.size();
    }
}
