package diandan.domain.hours;

/** What one record adds to each of its tallies: its hours and 1 record when it counts, nothing otherwise. */
public record Contribution(long halfHours, long records) {
    public static final Contribution NONE = new Contribution(0, 0);

    public static Contribution of(RecordStatus status, int halfHours) {
        return status == RecordStatus.CERTIFIED ? new Contribution(halfHours, 1) : NONE;
    }

    public Contribution plus(Contribution other) {
        return new Contribution(halfHours + other.halfHours, records + other.records);
    }

    public Contribution minus(Contribution other) {
        return new Contribution(halfHours - other.halfHours, records - other.records);
    }

    public boolean isNone() {
        return halfHours == 0 && records == 0;
    }
}
