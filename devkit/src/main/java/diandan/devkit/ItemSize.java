package diandan.devkit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.ToLongFunction;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it: attribute names and string values in UTF-8 bytes, numbers by their
 * significant digits, 3 bytes for a list or map plus 1 per element. dynalite counts strings in UTF-16 code
 * units instead, so for Chinese text (3 UTF-8 bytes a character) it reports a third of the real size.
 */
public final class ItemSize {
    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        return of(item, ItemSize::utf8);
    }

    /** The size as dynalite counts it (and reports capacity): strings in UTF-16 code units. */
    public static long asDynaliteCounts(Map<String, AttributeValue> item) {
        return of(item, text -> (long) text.length());
    }

    private static long of(Map<String, AttributeValue> item, ToLongFunction<String> text) {
        if (item == null) {
            return 0;
        }
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += text.applyAsLong(attribute.getKey()) + value(attribute.getValue(), text);
        }
        return size;
    }

    private static long value(AttributeValue value, ToLongFunction<String> text) {
        if (value.s() != null) {
            return text.applyAsLong(value.s());
        }
        if (value.n() != null) {
            return number(value.n());
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToLong(text).sum();
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(ItemSize::number).sum();
        }
        if (value.hasBs()) {
            return value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(element -> 1 + value(element, text)).sum();
        }
        if (value.hasM()) {
            return 3 + value.m().size() + of(value.m(), text);
        }
        return 1; // NULL or BOOL
    }

    /** DynamoDB's (and dynalite's) rule: about one byte per two significant digits, plus one. */
    static long number(String text) {
        BigDecimal number = new BigDecimal(text);
        if (number.signum() == 0) {
            return 1;
        }
        BigDecimal digits = number.abs().stripTrailingZeros();
        int significant = digits.precision();
        int exponent = significant - digits.scale() - 1;
        boolean pad = significant % 2 == 0 && exponent % 2 == 0;
        return 1 + (significant + 1) / 2 + (pad ? 1 : 0) + (number.signum() < 0 ? 1 : 0);
    }

    static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
