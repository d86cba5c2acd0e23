package diandan.app.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Category;
import diandan.domain.Clocks;
import diandan.domain.PhoneNumbers;
import diandan.domain.Registry;
import diandan.domain.Team;
import diandan.domain.Validation;
import diandan.domain.Volunteer;
import diandan.domain.identity.DocumentType;
import diandan.domain.identity.IdentityDocument;
import diandan.domain.identity.VolunteerNumbers;

/**
 * What makes an area, a category, a volunteer or a team acceptable, field by field: the admin routes and a
 * registry file are checked by these same rules. Each returns the checked value, or null after its complaints.
 */
public final class RegistryForms {
    public static final int MAX_AREA_NAME = 50;
    public static final int MAX_CATEGORY_NAME = 40;
    public static final int MAX_VOLUNTEER_NAME = 50;

    private RegistryForms() {
    }

    public static Area area(Validation v, String id, String nameText, String typeText, String parentIdText) {
        if (!Area.isValidId(id)) {
            v.fail("id", "must be 1 to 64 letters, digits, _ or -, starting with a letter or digit");
        }
        String name = v.requiredText("name", nameText, MAX_AREA_NAME);
        String typeCode = v.requiredText("type", typeText, 20);
        Optional<AreaType> type = Optional.ofNullable(typeCode).flatMap(AreaType::fromCode);
        if (typeCode != null && type.isEmpty()) {
            v.fail("type", "must be one of province, city, district, street, community");
        }
        String parentId = v.optionalText("parentId", parentIdText, 64);
        return v.failed() ? null : new Area(id, name, type.get(), parentId);
    }

    /** A category as a file or a client gives it: never built in (whether it is depends on the registry). */
    public static Category category(Validation v, String code, String nameText, Clocks.Form clockForm) {
        if (!Category.isValidCode(code)) {
            v.fail("code", "must be 2 to 40 lower-case letters, digits or _, starting with a letter");
        }
        String name = v.requiredText("name", nameText, MAX_CATEGORY_NAME);
        Clocks clocks = Clocks.checked(v, "clocks", clockForm);
        return v.failed() ? null : new Category(code, name, false, clocks);
    }

    /** A volunteer's name and phone number, stored normalized. */
    public static Volunteer volunteer(Validation v, String id, String nameText, String phoneText) {
        String name = v.requiredText("name", nameText, MAX_VOLUNTEER_NAME);
        String rawPhone = v.requiredText("phone", phoneText, 24);
        Optional<String> phone = Optional.ofNullable(rawPhone).flatMap(PhoneNumbers::normalize);
        if (rawPhone != null && phone.isEmpty()) {
            v.fail("phone", "must be a mainland mobile (11 digits, 1[3-9]...) or landline (area code + number)");
        }
        return v.failed() ? null : new Volunteer(id, name, phone.get());
    }

    /** The national volunteer number, upper case; null when not given or after its complaint. */
    public static String volunteerNumber(Validation v, String text) {
        String number = v.optionalText("volunteerNumber", text, VolunteerNumbers.MAX_LENGTH);
        if (number == null) {
            return null;
        }
        String upper = number.toUpperCase(Locale.ROOT);
        if (!VolunteerNumbers.isValid(upper)) {
            v.fail("volunteerNumber", "must be the national volunteer number: 6 to " + VolunteerNumbers.MAX_LENGTH
                    + " letters and digits");
            return null;
        }
        return upper;
    }

    /**
     * The identity document, when one is given; null otherwise or after its complaints. A refusal names what the
     * number must look like and never repeats it.
     */
    public static IdentityDocument identity(Validation v, RecordFieldsForm form) {
        if (!form.identityGiven()) {
            return null;
        }
        String typeCode = v.requiredText("identity.type", form.identityType(), 32);
        if (typeCode != null && DocumentType.fromCode(typeCode).isEmpty()) {
            v.fail("identity.type", "must be one of " + Arrays.stream(DocumentType.values())
                    .map(DocumentType::code).collect(Collectors.joining(", ")));
        }
        if (form.identityNumber() == null || form.identityNumber().isBlank()) {
            v.fail("identity.number", "is required");
        }
        if (v.has("identity.type") || v.has("identity.number")) {
            return null;
        }
        Optional<IdentityDocument> document = IdentityDocument.parse(typeCode, form.identityNumber());
        if (document.isEmpty()) {
            v.fail("identity.number", "is not a valid " + typeCode + " number"
                    + (typeCode.equals(DocumentType.RESIDENT_ID.code())
                            ? " (18 characters, a real birth date and the GB 11643 check character)" : ""));
        }
        return document.orElse(null);
    }

    /**
     * A team's definition against the registry it joins: known categories and areas, all in one district, a
     * capacity in range, leaders named, members that exist.
     *
     * @param existingVolunteers which of the given volunteer ids exist
     */
    public static Team team(Validation v, Registry registry, Function<List<String>, Set<String>> existingVolunteers,
                            String id, TeamForm form, long version) {
        String name = v.requiredText("name", form.name(), Team.MAX_NAME);
        List<String> categories = required(v, "categories", form.categories());
        categories.stream().filter(c -> registry.category(c).isEmpty())
                .forEach(c -> v.fail("categories", "unknown category '" + c + "'"));
        List<String> areaIds = required(v, "areaIds", form.areaIds());
        areaIds.stream().filter(a -> registry.area(a).isEmpty()).forEach(a -> v.fail("areaIds", "no area '" + a + "'"));
        registry.requireOneDistrict(v, areaIds);
        Integer capacity = form.capacity();
        if (capacity == null) {
            v.fail("capacity", "is required");
        } else if (capacity < 1 || capacity > Team.MAX_CAPACITY) {
            v.fail("capacity", "must be a whole number from 1 to " + Team.MAX_CAPACITY);
        }
        List<String> leaders = new ArrayList<>();
        for (String leader : distinct(form.leaders())) {
            String subject = v.requiredText("leaders", leader, RegistryService.MAX_SUBJECT);
            if (subject != null) {
                leaders.add(subject);
            }
        }
        List<String> members = distinct(form.members());
        if (!members.isEmpty()) {
            Set<String> known = existingVolunteers.apply(members);
            members.stream().filter(m -> !known.contains(m)).forEach(m -> v.fail("members", "no volunteer '" + m + "'"));
        }
        return v.failed() ? null : new Team(id, name, categories, areaIds, capacity, leaders, members,
                form.active() == null || form.active(), version);
    }

    static List<String> distinct(Collection<String> values) {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }

    private static List<String> required(Validation v, String field, List<String> values) {
        List<String> distinct = distinct(values);
        if (distinct.isEmpty()) {
            v.fail(field, "must name at least one");
        }
        return distinct;
    }
}
