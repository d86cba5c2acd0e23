package diandan.domain.hours;

/**
 * What one record adds to each of its tallies: its hours and 1 record when it counts, nothing otherwise; and of
 * those hours, how many were captured by check-in on site (the rest were entered by hand).
 */
public record Contribution(long halfHours, long records, long checkInHalfHours) {
    public static final Contribution NONE = new Contribution(0, 0, 0);

    public static Contribution of(RecordStatus status, int halfHours, Capture capture) {
        if (status != RecordStatus.CERTIFIED) {
            return NONE;
        }
        return new Contribution(halfHours, 1, capture == Capture.CHECK_IN ? halfHours : 0);
    }

    public Contribution plus(Contribution other) {
        return new Contribution(halfHours + other.halfHours, records + other.records,
                checkInHalfHours + other.checkInHalfHours);
    }

    public Contribution minus(Contribution other) {
        return new Contribution(halfHours - other.halfHours, records - other.records,
                checkInHalfHours - other.checkInHalfHours);
    }

    public boolean isNone() {
        return halfHours == 0 && records == 0 && checkInHalfHours == 0;
    }
}
