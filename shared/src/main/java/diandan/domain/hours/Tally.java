package diandan.domain.hours;

import java.util.List;

/**
 * A running total as stored: certified hours and the number of records counted; of the hours, how many were
 * captured by check-in on site (the rest were entered by hand).
 */
public record Tally(TallyKey key, long halfHours, long records, long checkInHalfHours) {
    public static Tally empty(TallyKey key) {
        return new Tally(key, 0, 0, 0);
    }

    /** The sum of several tallies, under {@code key}. */
    public static Tally sum(TallyKey key, List<Tally> tallies) {
        return new Tally(key, tallies.stream().mapToLong(Tally::halfHours).sum(),
                tallies.stream().mapToLong(Tally::records).sum(),
                tallies.stream().mapToLong(Tally::checkInHalfHours).sum());
    }
}
