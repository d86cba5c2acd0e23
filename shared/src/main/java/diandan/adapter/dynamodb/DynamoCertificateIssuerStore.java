package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import diandan.domain.records.CertificateIssuer;
import diandan.port.records.CertificateIssuerStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One item per district ({@code CERT_ISSUER#districtId} / {@code CERT_ISSUER}): one put replaces it whole. */
public final class DynamoCertificateIssuerStore implements CertificateIssuerStore {
    private static final String ISSUER = "CERT_ISSUER";

    private final DynamoDbClient client;
    private final String table;

    public DynamoCertificateIssuerStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<CertificateIssuer> find(String districtId) {
        Map<String, AttributeValue> item = Storage.call("read certificate issuer", () -> client.getItem(b -> b
                .tableName(table).key(key(districtId)).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CertificateIssuer(districtId, str(item, "organisation"), str(item, "personInCharge"),
                str(item, "handler"), str(item, "contact")));
    }

    @Override
    public void save(CertificateIssuer issuer) {
        Map<String, AttributeValue> item = new HashMap<>(key(issuer.districtId()));
        item.put("organisation", s(issuer.organisation()));
        Attr.putIf(item, "personInCharge", issuer.personInCharge());
        Attr.putIf(item, "handler", issuer.handler());
        Attr.putIf(item, "contact", issuer.contact());
        Storage.call("write certificate issuer", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    private static Map<String, AttributeValue> key(String districtId) {
        return Map.of(Keys.PK, s(ISSUER + "#" + districtId), Keys.SK, s(ISSUER));
    }
}
