package diandan.port.escalation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import diandan.domain.SlaSummary;

/**
 * Stored SLA summaries whose requests are all final (closed or cancelled): one item per area, grouping and whole
 * Beijing day, and one per area, grouping and whole month whose every day is summarized (the merge of its days). A
 * report reads these instead of the requests.
 */
public interface SlaSummaryStore {
    /**
     * @param groups by group key (null: the requests no team took)
     * @param calendars per community whose service-hours clocks were counted, the calendar they were counted in
     *                  ({@link diandan.domain.calendar.ServiceCalendar#fingerprint}); the summary holds only while
     *                  these are still in force
     */
    record DaySummary(LocalDate day, Map<String, SlaSummary> groups, Map<String, String> calendars) {
    }

    /** The merge of a month's day summaries: the same groups and calendars, for the month's requests. */
    record MonthSummary(YearMonth month, Map<String, SlaSummary> groups, Map<String, String> calendars) {
    }

    /** The summaries stored for days {@code first} to {@code last} (both included), in day order: one Query. */
    List<DaySummary> days(String areaId, String groupBy, LocalDate first, LocalDate last);

    /** The summaries stored for months {@code first} to {@code last} (both included), in month order: one Query. */
    List<MonthSummary> months(String areaId, String groupBy, YearMonth first, YearMonth last);

    /**
     * Stores (or replaces) a day's summary; storing the same summary again changes nothing.
     *
     * @return false when it is too large for one item and was not stored: its requests are read again next time
     */
    boolean store(String areaId, String groupBy, DaySummary summary);

    /**
     * Stores (or replaces) a month's summary; storing the same summary again changes nothing.
     *
     * @return false when it is too large for one item and was not stored: its days are read again next time
     */
    boolean store(String areaId, String groupBy, MonthSummary summary);
}
