package diandan.domain.hours;

/** The real service a record is for: hours exist only against one (no back-office hours). */
public record Source(SourceType type, String id) {
}
