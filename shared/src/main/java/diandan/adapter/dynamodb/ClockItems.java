package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.n;
import static diandan.adapter.dynamodb.Attr.num;
import static diandan.adapter.dynamodb.Attr.s;

import java.util.Map;

import diandan.domain.SlaClock;
import diandan.domain.Clocks;
import diandan.domain.Codes;
import diandan.domain.calendar.TimeBase;
import diandan.domain.calendar.TimeBases;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A category's or a channel's clocks as item attributes: {@code respondMinutes} ... and, only for a clock not
 * on wall time, {@code respondTimeBase} ... (absent: {@code continuous}, as every item written before time
 * bases existed); {@code warnAtPercent} only when it is not the default (absent: the default, as every item
 * written before the share could be set).
 */
final class ClockItems {
    private static final String WARN_AT = "warnAtPercent";

    private ClockItems() {
    }

    static void put(Map<String, AttributeValue> item, Clocks clocks) {
        for (SlaClock clock : SlaClock.values()) {
            item.put(clock.code() + "Minutes", n(clocks.of(clock).toMinutes()));
            TimeBase base = clocks.timeBases().of(clock);
            if (base != TimeBase.CONTINUOUS) {
                item.put(clock.code() + "TimeBase", s(base.code()));
            }
        }
        if (clocks.warnAtPercent() != Clocks.DEFAULT_WARN_AT_PERCENT) {
            item.put(WARN_AT, n(clocks.warnAtPercent()));
        }
    }

    static Clocks read(Map<String, AttributeValue> item) {
        return new Clocks((int) num(item, "respondMinutes"), (int) num(item, "replyMinutes"),
                (int) num(item, "resolveMinutes"), TimeBases.from(clock -> base(item, clock)),
                item.containsKey(WARN_AT) ? (int) num(item, WARN_AT) : Clocks.DEFAULT_WARN_AT_PERCENT);
    }

    private static TimeBase base(Map<String, AttributeValue> item, SlaClock clock) {
        String code = Attr.str(item, clock.code() + "TimeBase");
        return code == null ? TimeBase.CONTINUOUS : Codes.parse(TimeBase.class, code).orElseThrow();
    }
}
