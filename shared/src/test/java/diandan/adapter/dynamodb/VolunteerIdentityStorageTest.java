package diandan.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.crypto.AesGcmFieldCipher;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.TableDefinition;
import diandan.devkit.Template;
import diandan.domain.Volunteer;
import diandan.domain.identity.IdentityDocument;
import diandan.domain.identity.IdentityProtection;

/** A volunteer's identity document is stored so that a dump of the table shows only its masked form. */
@ExtendWith(DynaliteExtension.class)
class VolunteerIdentityStorageTest {
    private final IdentityProtection protection =
            new IdentityProtection(AesGcmFieldCipher.fromSecret("dev-field-key"), "dev-lookup-key");

    @Test
    void aTableDumpShowsTheMaskedNumberAndTheVolunteerReadsBackWhole(LocalTable engine) {
        String table = "vid" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client(), table);
        DynamoRegistryRepository store = new DynamoRegistryRepository(engine.client(), table);
        IdentityDocument document = IdentityDocument.parse("resident_id", "11010519491231002X").orElseThrow();
        Volunteer volunteer = new Volunteer("v-id-1", "王志远", "13912345678", "31010020230001234",
                protection.protect(document));

        assertTrue(store.createVolunteer(volunteer));

        String dump = engine.client().scan(b -> b.tableName(table)).items().toString();
        assertFalse(dump.contains("19491231"), dump);
        assertTrue(dump.contains("1101**********002X"), dump);
        Volunteer back = store.findVolunteer("v-id-1").orElseThrow();
        assertEquals(volunteer, back);
        assertEquals(document, protection.reveal(back.identity()));
    }

    @Test
    void aVolunteerWithoutIdentityFieldsStaysAsBefore(LocalTable engine) {
        String table = "vid" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client(), table);
        DynamoRegistryRepository store = new DynamoRegistryRepository(engine.client(), table);
        Volunteer plain = new Volunteer("v-id-2", "李娜", "13812345678");

        store.createVolunteer(plain);

        Volunteer back = store.findVolunteer("v-id-2").orElseThrow();
        assertEquals(plain, back);
        assertEquals(null, back.identity());
        assertEquals(null, back.volunteerNumber());
    }
}
