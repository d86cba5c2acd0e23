package diandan.domain.records;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import diandan.domain.hours.HoursRecord;

/**
 * 谁记录谁证明 (the rules on volunteer service records and certificates): a certificate of service is issued only
 * by the organisation that recorded the hours, and covers only the hours it recorded. Hours are recorded on a
 * district's desk (its teams serve within that district), so the organisation is the district's 新时代文明实践中心,
 * named by the district's id. A volunteer who served in two districts gets one certificate from each.
 */
public final class RecordingOrganisation {
    private RecordingOrganisation() {
    }

    /** The organisation that recorded this record: the district whose desk kept it. */
    public static String of(HoursRecord record) {
        return record.area().districtId();
    }

    /** What a certificate issued by {@code issuer} may cover: the records it recorded, in their order. */
    public static List<HoursRecord> recordedBy(String issuer, Collection<HoursRecord> records) {
        return records.stream().filter(r -> of(r).equals(issuer)).toList();
    }

    /** Whether {@code issuer} may certify any of these records. */
    public static boolean mayIssue(String issuer, Collection<HoursRecord> records) {
        return records.stream().anyMatch(r -> of(r).equals(issuer));
    }

    /** The organisations that may issue a certificate over these records, the one that recorded the most first. */
    public static List<String> issuersOf(Collection<HoursRecord> records) {
        Map<String, Long> counts = new LinkedHashMap<>();
        records.forEach(r -> counts.merge(of(r), 1L, Long::sum));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey).toList();
    }
}
