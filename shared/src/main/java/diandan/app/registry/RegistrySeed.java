package diandan.app.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

import diandan.domain.Area;
import diandan.domain.Category;
import diandan.domain.Team;
import diandan.domain.Volunteer;
import diandan.port.ConcurrentChangeException;
import diandan.port.registry.RegistryRepository;

/**
 * Puts a checked registry file into a store, and reads a store's registry back out. The file is the truth for what
 * it names: an entry stored as the file has it is left alone, so a second run writes nothing; entries the store
 * holds and the file does not name are left alone too. Teams are written as the admin routes write them, created
 * only where none exists and changed only from the version read ({@code version + 1}), so a seed never overwrites
 * an admin's edit it did not see.
 */
public final class RegistrySeed {
    public enum Outcome { CREATED, CHANGED, UNCHANGED }

    /** What happened (or, in a dry run, would happen) to one entry: {@code kind} is area, category, team or volunteer. */
    public record Entry(String kind, String id, Outcome outcome) {
    }

    public record Report(List<Entry> entries, boolean dryRun) {
        public long count(Outcome outcome) {
            return entries.stream().filter(e -> e.outcome() == outcome).count();
        }

        public long count(String kind, Outcome outcome) {
            return entries.stream().filter(e -> e.kind().equals(kind) && e.outcome() == outcome).count();
        }
    }

    private final RegistryRepository store;

    public RegistrySeed(RegistryRepository store) {
        this.store = store;
    }

    /**
     * Areas from the top down, categories, volunteers, then the teams that list them.
     *
     * @throws ConcurrentChangeException when a team changed between this seed's read and its write: run it again
     */
    public Report load(RegistryEntries file, boolean dryRun) {
        RegistryRepository.Contents stored = store.contents();
        List<Entry> entries = new ArrayList<>();
        Map<String, Area> areas = byId(stored.areas(), Area::id);
        file.areas().stream().sorted(Comparator.comparing((Area a) -> a.type().ordinal())).forEach(area -> {
            Outcome outcome = outcome(Optional.ofNullable(areas.get(area.id())), area, Objects::equals);
            entries.add(new Entry("area", area.id(), outcome));
            if (!dryRun && outcome != Outcome.UNCHANGED) {
                store.putArea(area);
            }
        });
        Map<String, Category> categories = byId(stored.categories(), Category::code);
        for (Category category : file.categories()) {
            Outcome outcome = outcome(Optional.ofNullable(categories.get(category.code())), category, Objects::equals);
            entries.add(new Entry("category", category.code(), outcome));
            if (!dryRun && outcome != Outcome.UNCHANGED) {
                store.putCategory(category);
            }
        }
        Map<String, Volunteer> volunteers = byId(store.findVolunteers(file.volunteers().stream().map(Volunteer::id)
                .toList()), Volunteer::id);
        for (Volunteer listed : file.volunteers()) {
            Optional<Volunteer> read = Optional.ofNullable(volunteers.get(listed.id()));
            entries.add(new Entry("volunteer", listed.id(), dryRun
                    ? outcome(read, keepingRecordFields(listed, read), Objects::equals)
                    : put(listed, read)));
        }
        Map<String, Team> teams = byId(stored.teams(), Team::id);
        for (Team team : file.teams()) {
            entries.add(new Entry("team", team.id(), dryRun
                    ? outcome(Optional.ofNullable(teams.get(team.id())), team, RegistrySeed::sameTeam)
                    : put(team)));
        }
        return new Report(entries, dryRun);
    }

    /**
     * The stored registry as a file has it: areas, the categories stored (local ones, and built-in ones changed),
     * teams, and the volunteers that are members of a team. A volunteer of no team belongs to no district and is
     * found by id only, so an export leaves them out.
     */
    public RegistryEntries export() {
        RegistryRepository.Contents stored = store.contents();
        List<String> members = stored.teams().stream().flatMap(t -> t.members().stream()).distinct().toList();
        List<Volunteer> volunteers = members.isEmpty() ? List.of() : store.findVolunteers(members);
        return new RegistryEntries(stored.areas(), stored.categories(), stored.teams(), volunteers);
    }

    /**
     * A registry file carries name and phone only: the national volunteer number and identity document, which
     * a file never holds, stay as stored instead of being erased by a seed, and so does the version.
     */
    private static Volunteer keepingRecordFields(Volunteer listed, Optional<Volunteer> stored) {
        return stored.map(s -> new Volunteer(listed.id(), listed.name(), listed.phone(), s.volunteerNumber(),
                s.identity(), s.version())).orElse(listed);
    }

    /** Written only where absent or different; the batch read may lag, the conditional create does not. */
    private Outcome put(Volunteer listed, Optional<Volunteer> read) {
        if (read.isEmpty() && store.createVolunteer(listed)) {
            return Outcome.CREATED;
        }
        Optional<Volunteer> current = read.isPresent() ? read : store.findVolunteer(listed.id());
        Volunteer volunteer = keepingRecordFields(listed, current);
        Outcome outcome = outcome(current, volunteer, Objects::equals);
        if (outcome != Outcome.UNCHANGED) {
            // a change, as an update is: an If-Match naming the version before it no longer holds
            store.putVolunteer(new Volunteer(volunteer.id(), volunteer.name(), volunteer.phone(),
                    volunteer.volunteerNumber(), volunteer.identity(), volunteer.version() + (current.isPresent() ? 1 : 0)));
        }
        return outcome;
    }

    /** Against the team as stored now, with the writes the admin routes use. */
    private Outcome put(Team team) {
        Optional<Team> current = store.findTeam(team.id());
        Outcome outcome = outcome(current, team, RegistrySeed::sameTeam);
        if (outcome == Outcome.CREATED && !store.createTeam(team)) {
            throw new ConcurrentChangeException("team " + team.id() + " was created while the seed ran");
        }
        if (outcome == Outcome.CHANGED) {
            Team stored = current.orElseThrow();
            store.replaceTeam(stored, new Team(team.id(), team.name(), team.categories(), team.areaIds(),
                    team.capacity(), team.leaders(), team.members(), team.active(), stored.version() + 1));
        }
        return outcome;
    }

    private static <T> Outcome outcome(Optional<T> stored, T wanted, BiPredicate<T, T> same) {
        return stored.isEmpty() ? Outcome.CREATED : same.test(stored.get(), wanted) ? Outcome.UNCHANGED : Outcome.CHANGED;
    }

    /** A team's definition without its version; members are a set (the order they joined in is not kept by a file). */
    private static boolean sameTeam(Team a, Team b) {
        return a.name().equals(b.name()) && a.categories().equals(b.categories()) && a.areaIds().equals(b.areaIds())
                && a.capacity() == b.capacity() && a.leaders().equals(b.leaders()) && a.active() == b.active()
                && new HashSet<>(a.members()).equals(new HashSet<>(b.members()));
    }

    private static <T> Map<String, T> byId(List<T> values, Function<T, String> id) {
        return values.stream().collect(Collectors.toMap(id, v -> v, (a, b) -> a));
    }
}
