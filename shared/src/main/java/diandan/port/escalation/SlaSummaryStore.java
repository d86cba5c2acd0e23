package diandan.port.escalation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import diandan.domain.SlaSummary;

/**
 * Stored SLA summaries of whole Beijing days whose requests are all final (closed or cancelled), one item per
 * area, grouping and day: a report reads these instead of the day's requests.
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

    /** The summaries stored for days {@code first} to {@code last} (both included), in day order: one Query. */
    List<DaySummary> days(String areaId, String groupBy, LocalDate first, LocalDate last);

    /** Stores (or replaces) a day's summary; storing the same summary again changes nothing. */
    void store(String areaId, String groupBy, DaySummary summary);
}
