package diandan.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A volunteer team (志愿服务队): the categories it serves, the areas it covers (communities, streets or the
 * whole district), how many open requests it takes at most, its leaders (subjects, for people to read: the
 * token decides who leads) and members (volunteer ids), and whether it is active or paused.
 *
 * @param version incremented by every change, so that concurrent edits of one team cannot overwrite each other
 */
public record Team(String id, String name, List<String> categories, List<String> areaIds, int capacity,
                   List<String> leaders, List<String> members, boolean active, long version) {
    /** Largest capacity an admin may set: a team's open requests stay a short, readable list. */
    public static final int MAX_CAPACITY = 100;
    public static final int MAX_NAME = 50;
    public static final int MAX_CATEGORIES = 20;
    public static final int MAX_AREAS = 50;
    public static final int MAX_LEADERS = 20;
    public static final int MAX_MEMBERS = 300;

    public Team {
        categories = List.copyOf(categories);
        areaIds = List.copyOf(areaIds);
        leaders = List.copyOf(leaders);
        members = List.copyOf(members);
    }

    public boolean serves(String category) {
        return categories.contains(category);
    }

    /** How close this team is to a request's community: its own, its street's, or district-wide; empty if not at all. */
    public Optional<Coverage> coverage(AreaPath area) {
        if (areaIds.contains(area.communityId())) {
            return Optional.of(Coverage.COMMUNITY);
        }
        if (areaIds.contains(area.streetId())) {
            return Optional.of(Coverage.STREET);
        }
        if (areaIds.contains(area.districtId())) {
            return Optional.of(Coverage.DISTRICT);
        }
        return Optional.empty();
    }

    public Team withMember(String volunteerId) {
        if (members.contains(volunteerId)) {
            return this;
        }
        List<String> more = new ArrayList<>(members);
        more.add(volunteerId);
        return new Team(id, name, categories, areaIds, capacity, leaders, more, active, version + 1);
    }

    /** The levels at which a team can cover a request's community, nearest first: routing prefers the nearest. */
    public enum Coverage {
        COMMUNITY, STREET, DISTRICT;

        public String code() {
            return Codes.of(this);
        }
    }
}
