package diandan.domain;

/**
 * A volunteer: name and phone (personal data: the phone is shown whole only to their team leaders,
 * dispatchers, admins and themself). The teams they serve in are the teams listing them as members.
 */
public record Volunteer(String id, String name, String phone) {
    @Override
    public String toString() {
        return "Volunteer[" + id + "]";
    }
}
