package diandan.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import diandan.adapter.RegistryFile;
import diandan.adapter.dynamodb.DynamoRegistryRepository;
import diandan.app.registry.RegistrySeed.Outcome;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.RepoRoot;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.domain.Area;
import diandan.domain.Category;
import diandan.domain.Team;
import diandan.domain.Volunteer;

/** The seed puts a registry file into a fresh table once; a second run changes nothing; the export is the file. */
@ExtendWith(DynaliteExtension.class)
class RegistrySeedTest {
    static final Path DEMO = RepoRoot.find().resolve("local/demo/registry.json");

    @TempDir
    Path dir;

    /** A table of its own for each test, created from template.yaml as the local stack and a deployment have it. */
    static RegistrySeed freshTable(LocalTable engine) {
        String name = "seed" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client(), name);
        return new RegistrySeed(new DynamoRegistryRepository(engine.client(), name));
    }

    @Test
    void theDemoRegistryLoadsOnceASecondRunChangesNothingAndTheExportIsTheFile(LocalTable engine) throws Exception {
        RegistrySeed seed = freshTable(engine);
        RegistryEntries file = RegistryFile.read(DEMO);

        RegistrySeed.Report first = seed.load(file, false);
        assertEquals(file.areas().size(), first.count("area", Outcome.CREATED));
        assertEquals(file.categories().size(), first.count("category", Outcome.CREATED));
        assertEquals(file.teams().size(), first.count("team", Outcome.CREATED));
        assertEquals(file.volunteers().size(), first.count("volunteer", Outcome.CREATED));

        RegistrySeed.Report second = seed.load(file, false);
        assertEquals(0, second.count(Outcome.CREATED));
        assertEquals(0, second.count(Outcome.CHANGED));
        assertEquals(second.entries().size(), second.count(Outcome.UNCHANGED));

        Path exported = dir.resolve("exported.json");
        Files.writeString(exported, RegistryFile.write(seed.export()));
        RegistryEntries back = RegistryFile.read(exported);
        assertEquals(normalized(file), normalized(back));
        assertEquals(0, seed.load(back, false).count(Outcome.CHANGED), "the export loads back as no change");
    }

    @Test
    void anEditedEntryIsChangedTheRestLeftAloneAndATeamsVersionMovesOn(LocalTable engine) {
        RegistrySeed seed = freshTable(engine);
        RegistryEntries file = RegistryFile.read(DEMO);
        seed.load(file, false);
        Team team = file.teams().get(0);
        Team bigger = new Team(team.id(), team.name(), team.categories(), team.areaIds(), team.capacity() + 1,
                team.leaders(), team.members(), team.active(), 1);
        Volunteer volunteer = file.volunteers().get(0);
        Volunteer renamed = new Volunteer(volunteer.id(), volunteer.name() + "明", volunteer.phone());
        RegistryEntries edited = new RegistryEntries(file.areas(), file.categories(),
                replaced(file.teams(), team, bigger), replaced(file.volunteers(), volunteer, renamed));

        RegistrySeed.Report dry = seed.load(edited, true);
        assertEquals(List.of(new RegistrySeed.Entry("volunteer", volunteer.id(), Outcome.CHANGED),
                new RegistrySeed.Entry("team", team.id(), Outcome.CHANGED)),
                dry.entries().stream().filter(e -> e.outcome() != Outcome.UNCHANGED).toList());
        assertEquals(team.capacity(), exportedTeam(seed, team.id()).capacity(), "a dry run writes nothing");

        RegistrySeed.Report applied = seed.load(edited, false);
        assertEquals(dry.entries(), applied.entries());
        Team stored = exportedTeam(seed, team.id());
        assertEquals(team.capacity() + 1, stored.capacity());
        assertEquals(2, stored.version());
        assertEquals(0, seed.load(edited, false).count(Outcome.CHANGED));
    }

    static Team exportedTeam(RegistrySeed seed, String id) {
        return seed.export().teams().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    static <T> List<T> replaced(List<T> values, T old, T replacement) {
        return values.stream().map(v -> v.equals(old) ? replacement : v).toList();
    }

    /** Order aside: entries by id, a team's members as a sorted list (a file does not keep the order they joined in). */
    static RegistryEntries normalized(RegistryEntries entries) {
        return new RegistryEntries(
                entries.areas().stream().sorted(Comparator.comparing(Area::id)).toList(),
                entries.categories().stream().sorted(Comparator.comparing(Category::code)).toList(),
                entries.teams().stream().sorted(Comparator.comparing(Team::id))
                        .map(t -> new Team(t.id(), t.name(), t.categories(), t.areaIds(), t.capacity(), t.leaders(),
                                t.members().stream().sorted().toList(), t.active(), 1)).toList(),
                entries.volunteers().stream().sorted(Comparator.comparing(Volunteer::id)).toList());
    }

    @Test
    void theSeedKeepsTheNationalRecordFieldsItsFileDoesNotCarry(LocalTable engine) {
        String name = "seed" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client(), name);
        DynamoRegistryRepository store = new DynamoRegistryRepository(engine.client(), name);
        RegistrySeed seed = new RegistrySeed(store);
        RegistryEntries file = RegistryFile.read(DEMO);
        seed.load(file, false);
        Volunteer volunteer = file.volunteers().get(0);
        Volunteer registered = new Volunteer(volunteer.id(), volunteer.name(), volunteer.phone(), "31010020230001234",
                new diandan.domain.identity.StoredIdentity(diandan.domain.identity.DocumentType.PASSPORT, "E1*****78",
                        "hash", "sealed"));
        store.putVolunteer(registered);

        assertEquals(0, seed.load(file, true).count(Outcome.CHANGED));
        assertEquals(0, seed.load(file, false).count(Outcome.CHANGED));
        assertEquals(registered, store.findVolunteer(volunteer.id()).orElseThrow());
    }
}
