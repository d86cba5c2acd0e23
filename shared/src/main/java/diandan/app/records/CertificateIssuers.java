package diandan.app.records;

import java.util.List;
import java.util.Optional;

import diandan.app.registry.RegistryCache;
import diandan.domain.Access;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Validation;
import diandan.domain.records.CertificateIssuer;
import diandan.port.records.CertificateIssuerStore;

/**
 * Who issues the certificates of a district's recorded hours ({@code GET|PUT /certificate-issuers/{id}}): an admin
 * of the district (or above it) names the organisation, its person in charge, the handler and a contact; anyone
 * signed in reads them, as they are printed on every certificate.
 */
public final class CertificateIssuers {
    private final CertificateIssuerStore store;
    private final RegistryCache registry;

    public CertificateIssuers(CertificateIssuerStore store, RegistryCache registry) {
        this.store = store;
        this.registry = registry;
    }

    /** The district's issuer as set, or its 新时代文明实践中心 while none was. */
    public CertificateIssuer of(String districtId) {
        Area district = district(registry.get(), districtId);
        return store.find(district.id()).orElseGet(() -> CertificateIssuer.standard(district.id(), district.name()));
    }

    /** Checks the district, the caller and then the fields; stores nothing unless all pass. */
    public CertificateIssuer set(Caller caller, String districtId, String organisationText, String personInChargeText,
                                 String handlerText, String contactText) {
        Registry snapshot = registry.fresh();
        Area district = district(snapshot, districtId);
        Access.requireAdminWithin(caller, List.of(district.id()), snapshot);
        Validation v = new Validation();
        CertificateIssuer issuer = new CertificateIssuer(district.id(),
                v.requiredText("organisation", organisationText, CertificateIssuer.MAX_NAME),
                v.optionalText("personInCharge", personInChargeText, CertificateIssuer.MAX_NAME),
                v.optionalText("handler", handlerText, CertificateIssuer.MAX_NAME),
                v.optionalText("contact", contactText, CertificateIssuer.MAX_CONTACT));
        v.throwIfAny();
        store.save(issuer);
        return issuer;
    }

    private static Area district(Registry snapshot, String districtId) {
        return Optional.ofNullable(districtId).flatMap(snapshot::area).filter(a -> a.type() == AreaType.DISTRICT)
                .orElseThrow(() -> Problem.notFound("district " + districtId));
    }
}
