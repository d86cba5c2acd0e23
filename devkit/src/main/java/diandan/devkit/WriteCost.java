package diandan.devkit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * The write units DynamoDB bills for one item write, the table's and each global secondary index's, from the
 * item before and after the write and the template's indexes. dynalite reports the table's part only, and in
 * UTF-16 sizes; this is the whole bill:
 * <ul>
 * <li>table: the larger of the old and new item, per started KB (at least 1);</li>
 * <li>an index whose key attributes the item has before or after: a put of the new entry (new in the index),
 * a delete of the old one (gone from it), both (its key changed), or one write when the key stayed and a
 * projected attribute changed; nothing when no projected attribute changed. Each per started KB of the
 * projected entry (ALL: the whole item; KEYS_ONLY: the table's and the index's keys; INCLUDE: those and the
 * named attributes), the larger of old and new when an entry is rewritten in place;</li>
 * <li>a write refused by its condition: the table's part only.</li>
 * </ul>
 */
public final class WriteCost {
    private static final double KB = 1024;

    /** The units of one write: the table's and, by index name, each index's (indexes it did not touch left out). */
    public record Units(double table, Map<String, Double> indexes) {
        public double total() {
            return table + indexUnits();
        }

        public double indexUnits() {
            return indexes.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final List<String> tableKeys;
    private final List<TableDefinition.Index> indexes;

    public WriteCost(TableDefinition table) {
        this(table.keyAttributes(), table.indexes());
    }

    /** The bill of a table with other indexes: what another design of them would cost. */
    public WriteCost(List<String> tableKeys, List<TableDefinition.Index> indexes) {
        this.tableKeys = List.copyOf(tableKeys);
        this.indexes = List.copyOf(indexes);
    }

    public static WriteCost fromTemplate() {
        return new WriteCost(TableDefinition.fromTemplate(Template.load()));
    }

    public List<String> tableKeys() {
        return tableKeys;
    }

    /** A write that took effect; {@code before} or {@code after} is null when the item did not exist. */
    public Units write(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        Map<String, Double> byIndex = new LinkedHashMap<>();
        for (TableDefinition.Index index : indexes) {
            double units = indexWrite(index, present(index, before) ? before : null, present(index, after) ? after : null);
            if (units > 0) {
                byIndex.put(index.name(), units);
            }
        }
        return new Units(units(Math.max(ItemSize.of(before), ItemSize.of(after))), byIndex);
    }

    /** A write its condition refused: the table bills the larger of the stored and the attempted item. */
    public Units refused(Map<String, AttributeValue> stored, Map<String, AttributeValue> attempted) {
        return new Units(units(Math.max(ItemSize.of(stored), ItemSize.of(attempted))), Map.of());
    }

    private double indexWrite(TableDefinition.Index index, Map<String, AttributeValue> before,
                              Map<String, AttributeValue> after) {
        if (before == null && after == null) {
            return 0;
        }
        if (before == null) {
            return units(ItemSize.of(projected(index, after)));
        }
        if (after == null) {
            return units(ItemSize.of(projected(index, before)));
        }
        Map<String, AttributeValue> old = projected(index, before);
        Map<String, AttributeValue> now = projected(index, after);
        boolean keyChanged = index.keyAttributes().stream().anyMatch(k -> !Objects.equals(before.get(k), after.get(k)));
        if (keyChanged) {
            return units(ItemSize.of(old)) + units(ItemSize.of(now));
        }
        return old.equals(now) ? 0 : units(Math.max(ItemSize.of(old), ItemSize.of(now)));
    }

    private static boolean present(TableDefinition.Index index, Map<String, AttributeValue> item) {
        return item != null && index.keyAttributes().stream().allMatch(item::containsKey);
    }

    private Map<String, AttributeValue> projected(TableDefinition.Index index, Map<String, AttributeValue> item) {
        if (index.projection() == ProjectionType.ALL) {
            return item;
        }
        Map<String, AttributeValue> entry = new HashMap<>();
        for (String name : tableKeys) {
            entry.put(name, item.get(name));
        }
        for (String name : index.keyAttributes()) {
            entry.put(name, item.get(name));
        }
        if (index.projection() == ProjectionType.INCLUDE) {
            for (String name : index.nonKeyAttributes()) {
                if (item.containsKey(name)) {
                    entry.put(name, item.get(name));
                }
            }
        }
        return entry;
    }

    private static double units(long bytes) {
        return Math.max(1, Math.ceil(bytes / KB));
    }
}
