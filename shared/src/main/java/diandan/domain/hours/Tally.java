package diandan.domain.hours;

/**
 * A running total as stored: certified hours and the number of records counted; of the hours, how many were
 * captured by check-in on site (the rest were entered by hand).
 */
public record Tally(TallyKey key, long halfHours, long records, long checkInHalfHours) {
    public static Tally empty(TallyKey key) {
        return new Tally(key, 0, 0, 0);
    }
}
