package diandan.domain.hours;

import java.time.LocalDate;
import java.util.List;

import diandan.domain.records.CertificateIssuer;

/**
 * The volunteer service record certificate (志愿服务记录证明) with the fields the rules on service records require:
 * its number, the issuing organisation with its person in charge, handler and contact, the day it was issued,
 * remarks, and the volunteer with their national volunteer number and masked identity number; then the total of
 * certified hours and each service. It covers only the hours its issuer recorded (see
 * {@link diandan.domain.records.RecordingOrganisation}).
 *
 * @param maskedPhone the volunteer's phone as certificates show it ({@code 138****5678}), null when unknown
 * @param volunteerNumber the national volunteer number, null when not registered
 * @param identityType the identity document's type code, null when not registered
 * @param maskedIdentityNumber the identity number as certificates show it: always masked (it is handed to others)
 * @param starLevel the star level the total holds (0: none yet)
 * @param remarks what the certificate does not cover (hours other organisations recorded), or empty
 */
public record Certificate(String number, LocalDate issuedOn, CertificateIssuer issuer, String volunteerId,
                          String volunteerName, String maskedPhone, String volunteerNumber, String identityType,
                          String maskedIdentityNumber, long totalHalfHours, int starLevel, String remarks,
                          List<Service> services) {
    /** One counted service: when, what, how long, organised by whom, and how its hours were captured. */
    public record Service(String recordId, LocalDate date, String content, int halfHours, String organiser,
                          Capture capture) {
    }

    public Certificate {
        services = List.copyOf(services);
    }

    /** The certified hours captured one way (checked in on site, or entered by hand), in half hours. */
    public long halfHoursBy(Capture capture) {
        return services.stream().filter(s -> s.capture() == capture).mapToLong(Service::halfHours).sum();
    }
}
