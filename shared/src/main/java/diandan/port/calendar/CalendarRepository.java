package diandan.port.calendar;

import java.util.Map;

import diandan.domain.calendar.ServiceCalendar;

/** The calendars areas have set for themselves, by area id. */
public interface CalendarRepository {
    Map<String, ServiceCalendar> all();

    /** Sets (replaces) the area's own calendar. */
    void put(String areaId, ServiceCalendar calendar);

    /** Removes the area's own calendar; @return whether it had one. */
    boolean remove(String areaId);
}
