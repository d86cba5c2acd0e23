package diandan.domain.hours;

/** A running total as stored: certified hours and the number of records counted. */
public record Tally(TallyKey key, long halfHours, long records) {
    public static Tally empty(TallyKey key) {
        return new Tally(key, 0, 0);
    }
}
