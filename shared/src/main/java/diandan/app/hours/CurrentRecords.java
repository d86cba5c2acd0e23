package diandan.app.hours;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import diandan.app.PageSize;
import diandan.domain.hours.HoursRecord;
import diandan.port.hours.HoursRepository;
import diandan.port.hours.RecordQuery;

/**
 * The records a list found, as the table holds them now, with the corrections that superseded them. A list
 * comes from an index, whose copy of a record may lag behind it: a correction's certification and the
 * superseding of what it replaces are two writes, and an index holding the second but not the first shows
 * the service as superseded and its correction as pending. So what counts is decided on the records read
 * again from the table, following each superseded record to the record that replaced it (a correction has
 * its original's date and area: it belongs wherever its original was listed).
 */
final class CurrentRecords {
    private final HoursRepository records;

    CurrentRecords(HoursRepository records) {
        this.records = records;
    }

    /**
     * Every record of a volunteer as the table holds it, by id: their own list is short enough to read whole (a
     * few hundred a year at most).
     */
    Map<String, HoursRecord> ofVolunteer(String volunteerId) {
        return of(listed(RecordQuery.of(RecordQuery.Scope.VOLUNTEER, volunteerId, PageSize.MAX)).toList());
    }

    /** What the query lists, page after page, read as the caller consumes it. */
    Stream<HoursRecord> listed(RecordQuery query) {
        return Stream.iterate(records.list(query), Objects::nonNull,
                        page -> page.nextCursor() == null ? null : records.list(query.fromCursor(page.nextCursor())))
                .flatMap(page -> page.items().stream());
    }

    /** The listed records as the table holds them now, by id, and the records that replaced them. */
    Map<String, HoursRecord> of(List<HoursRecord> listed) {
        List<String> ids = listed.stream().map(HoursRecord::id).toList();
        Map<String, HoursRecord> current = new LinkedHashMap<>(records.findAll(ids));
        Set<String> asked = new HashSet<>(ids);
        List<String> replacements = replacements(current.values(), asked);
        while (!replacements.isEmpty()) {
            current.putAll(records.findAll(replacements));
            replacements = replacements(current.values(), asked);
        }
        return current;
    }

    /** The records that superseded these and were not asked for yet: a chain of corrections is followed once. */
    private static List<String> replacements(Collection<HoursRecord> records, Set<String> asked) {
        return records.stream().map(HoursRecord::supersededBy).filter(id -> id != null && asked.add(id)).toList();
    }
}
