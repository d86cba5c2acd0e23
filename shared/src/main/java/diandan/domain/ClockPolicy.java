package diandan.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import diandan.domain.calendar.ServiceCalendar;

/**
 * Which clocks a new request gets: the channel's override when there is one (wishes wait on a public wall
 * for days), otherwise its category's clocks.
 */
public final class ClockPolicy {
    /** Wishes: three days to be claimed and replied to, a week to be fulfilled. */
    public static final Clocks WISH_WALL_DEFAULT = new Clocks(3 * 24 * 60, 3 * 24 * 60, 7 * 24 * 60);

    private final Map<Channel, Clocks> channelOverrides;

    private ClockPolicy(Map<Channel, Clocks> channelOverrides) {
        this.channelOverrides = channelOverrides;
    }

    /** The default policy: only the wish wall overrides its categories' clocks. */
    public static ClockPolicy standard() {
        return withChannelOverrides(Map.of(Channel.WISH_WALL, WISH_WALL_DEFAULT));
    }

    public static ClockPolicy withChannelOverrides(Map<Channel, Clocks> overrides) {
        return new ClockPolicy(overrides.isEmpty() ? Map.of() : new EnumMap<>(overrides));
    }

    /** This policy with {@code overrides} (an admin's stored ones) replacing its own for their channels. */
    public ClockPolicy overriddenBy(Map<Channel, Clocks> overrides) {
        Map<Channel, Clocks> merged = new EnumMap<>(Channel.class);
        merged.putAll(channelOverrides);
        merged.putAll(overrides);
        return withChannelOverrides(merged);
    }

    /** The channels whose requests get their own clocks instead of their category's. */
    public Map<Channel, Clocks> channelOverrides() {
        return Map.copyOf(channelOverrides);
    }

    public Clocks clocksFor(Category category, Channel channel) {
        return channelOverrides.getOrDefault(channel, category.clocks());
    }

    /**
     * The clocks of a request submitted now, counted in its area's calendar when it has one. The calendar is
     * asked for only when some clock counts service hours: clocks on wall time (the desk's default) need none.
     */
    public Sla start(Instant submittedAt, Category category, Channel channel,
                     Supplier<Optional<ServiceCalendar>> calendar) {
        Clocks clocks = clocksFor(category, channel);
        return Sla.startingAt(submittedAt, clocks,
                clocks.timeBases().countsServiceHours() ? calendar.get() : Optional.empty());
    }
}
