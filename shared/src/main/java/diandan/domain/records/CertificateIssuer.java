package diandan.domain.records;

/**
 * The organisation that issues certificates for the hours a district recorded, as the certificate names it:
 * the organisation, its person in charge (负责人), the handler who issues certificates (经办人) and a contact
 * (an office phone or address). Until an admin of the district sets them, the organisation is the district's
 * 新时代文明实践中心 and the rest are left blank on the page for signing by hand.
 */
public record CertificateIssuer(String districtId, String organisation, String personInCharge, String handler,
                                String contact) {
    public static final int MAX_NAME = 60;
    public static final int MAX_CONTACT = 80;

    public static CertificateIssuer standard(String districtId, String districtName) {
        return new CertificateIssuer(districtId, districtName + "新时代文明实践中心", null, null, null);
    }
}
