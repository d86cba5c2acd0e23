package diandan.port.records;

import java.util.Optional;

import diandan.domain.records.CertificateIssuer;

/** Each district's certificate issuer, as an admin of the district last set it. */
public interface CertificateIssuerStore {
    Optional<CertificateIssuer> find(String districtId);

    void save(CertificateIssuer issuer);
}
