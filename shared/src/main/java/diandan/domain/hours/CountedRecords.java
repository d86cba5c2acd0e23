package diandan.domain.hours;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a set of records count, computed from the records alone: the certified ones, each service once. A
 * certified correction replaces the records it supersedes even while marking them superseded (a second write)
 * is still under way, so a fresh sum never counts both.
 */
public final class CountedRecords {
    private CountedRecords() {
    }

    public static List<HoursRecord> of(Collection<HoursRecord> records) {
        Set<String> replaced = records.stream().filter(r -> r.status() == RecordStatus.CERTIFIED)
                .flatMap(r -> r.supersedes().stream()).collect(Collectors.toSet());
        return records.stream().filter(r -> r.status() == RecordStatus.CERTIFIED && !replaced.contains(r.id()))
                .toList();
    }

    public static long halfHours(Collection<HoursRecord> counted) {
        return counted.stream().mapToLong(HoursRecord::halfHours).sum();
    }
}
