package diandan.domain.hours;

import java.time.LocalDate;
import java.util.List;

/**
 * The volunteer service record certificate (志愿服务记录证明): who, how many certified hours in total, each
 * service, who issues it, its number and the day it was issued.
 *
 * @param maskedPhone the volunteer's phone as certificates show it ({@code 138****5678}), null when unknown
 * @param starLevel the star level the total holds (0: none yet)
 */
public record Certificate(String number, LocalDate issuedOn, String issuer, String volunteerId, String volunteerName,
                          String maskedPhone, long totalHalfHours, int starLevel, List<Service> services) {
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
