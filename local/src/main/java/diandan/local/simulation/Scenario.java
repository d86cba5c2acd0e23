package diandan.local.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a simulation runs: the district (registry and calendars), the demand, how teams, the dispatcher and the
 * certifiers behave, and the levers pulled. Read from {@link #DEFAULTS} with a scenario file laid over it (a
 * file names only what it changes); docs/simulation.md describes every field.
 */
public record Scenario(long seed, LocalDateTime start, int days, double scale, String registry,
                       Map<String, String> calendars, Demand demand, Teams teams, Dispatcher dispatcher,
                       Spread certifyAfterMinutes, Levers levers) {
    /** The demo district's day, the defaults of every field. */
    public static final String DEFAULTS = "local/simulation/district-day.json";

    /** A positive quantity spread as a log-normal: half of the draws below the median, nine in ten below p90. */
    public record Spread(double median, double p90) {
        double sigma() {
            return Math.log(p90 / median) / 1.2815515655446004;
        }

        double mean() {
            return median * Math.exp(sigma() * sigma() / 2);
        }
    }

    /** Requests a day ({@code 0}: derived from the basis), their shape over the day and their mix. */
    public record Demand(double requestsPerDay, Basis basis, double[] hourly, Map<String, Double> categories,
                         Map<String, Double> communities, Map<String, Double> channels) {
    }

    /** What the district has done since it opened, from which one day's demand at 1x is derived. */
    public record Basis(double hoursSinceOpening, LocalDate openedOn, double shareFromRequests) {
    }

    /** A daily window of Beijing time, {@code HH:MM-HH:MM}. */
    public record Window(LocalTime from, LocalTime to) {
        static Window parse(String text) {
            String[] parts = text.split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a window HH:MM-HH:MM: " + text);
            }
            return new Window(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
        }

        @Override
        public String toString() {
            return from + "-" + to;
        }
    }

    public record Teams(Window duty, Spread acceptMinutes, double declineShare, Spread replyMinutes,
                        Spread resolveMinutes, Spread wishClaimMinutes, int minVolunteers, int maxVolunteers,
                        Spread hoursPerVolunteer) {
        /** The hours one served request records on average. */
        double meanHoursPerRequest() {
            return (minVolunteers + maxVolunteers) / 2.0 * hoursPerVolunteer.mean();
        }
    }

    public record Dispatcher(int everyMinutes, Window duty) {
    }

    /**
     * @param capacityFactor every team's capacity multiplied (rounded up)
     * @param twinTeams every team of a community or street gets a twin of the same size next to it
     * @param clocks every channel's clocks set to these (respond, reply, resolve minutes); null: the desk's promise
     */
    public record Levers(double capacityFactor, boolean twinTeams, int[] clocks) {
        boolean any() {
            return capacityFactor != 1 || twinTeams || clocks != null;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The defaults with {@code file} (or nothing, when null) laid over them. */
    public static Scenario load(Path root, Path file) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(root.resolve(DEFAULTS).toFile());
            if (file != null) {
                merge(tree, MAPPER.readTree(file.toFile()));
            }
            return of(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenario: " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode into, JsonNode over) {
        if (!over.isObject()) {
            throw new IllegalArgumentException("a scenario is a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()
                    && !List.of("categories", "communities", "channels", "calendars").contains(field.getKey())) {
                merge(object, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static Scenario of(JsonNode t) {
        JsonNode d = t.path("demand");
        JsonNode b = d.path("basis");
        JsonNode teams = t.path("teams");
        JsonNode levers = t.path("levers");
        double[] hourly = new double[24];
        if (d.path("hourly").size() != 24) {
            throw new IllegalArgumentException("demand.hourly needs 24 weights, one per hour of the day");
        }
        for (int h = 0; h < 24; h++) {
            hourly[h] = d.path("hourly").get(h).asDouble();
        }
        int[] clocks = null;
        if (levers.path("clocks").isObject()) {
            JsonNode c = levers.path("clocks");
            clocks = new int[] {c.path("respondMinutes").asInt(), c.path("replyMinutes").asInt(),
                    c.path("resolveMinutes").asInt()};
        }
        Scenario scenario = new Scenario(t.path("seed").asLong(), startOf(t.path("start").asText()),
                t.path("days").asInt(), t.path("scale").asDouble(), t.path("registry").asText(),
                strings(t.path("calendars")),
                new Demand(d.path("requestsPerDay").asDouble(), new Basis(b.path("hoursSinceOpening").asDouble(),
                        LocalDate.parse(b.path("openedOn").asText()), b.path("shareFromRequests").asDouble()), hourly,
                        weights(d.path("categories")), weights(d.path("communities")), weights(d.path("channels"))),
                new Teams(Window.parse(teams.path("duty").asText()), spread(teams.path("acceptMinutes")),
                        teams.path("declineShare").asDouble(), spread(teams.path("replyMinutes")),
                        spread(teams.path("resolveMinutes")), spread(teams.path("wishClaimMinutes")),
                        teams.path("volunteersPerRequest").path("min").asInt(),
                        teams.path("volunteersPerRequest").path("max").asInt(), spread(teams.path("hoursPerVolunteer"))),
                new Dispatcher(t.path("dispatcher").path("everyMinutes").asInt(),
                        Window.parse(t.path("dispatcher").path("duty").asText())),
                spread(t.path("certification").path("afterMinutes")),
                new Levers(levers.path("capacityFactor").asDouble(1), levers.path("twinTeams").asBoolean(), clocks));
        scenario.check();
        return scenario;
    }

    private void check() {
        List<String> wrong = new ArrayList<>();
        if (days < 1) {
            wrong.add("days must be at least 1");
        }
        if (scale <= 0) {
            wrong.add("scale must be above 0");
        }
        if (teams.declineShare < 0 || teams.declineShare >= 1) {
            wrong.add("teams.declineShare must be in [0, 1)");
        }
        if (teams.minVolunteers < 1 || teams.maxVolunteers < teams.minVolunteers) {
            wrong.add("teams.volunteersPerRequest needs 1 <= min <= max");
        }
        if (dispatcher.everyMinutes < 1) {
            wrong.add("dispatcher.everyMinutes must be at least 1");
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", wrong));
        }
    }

    /** {@code 2026-12-01} (its midnight) or {@code 2026-12-01T08:00}, Beijing time. */
    private static LocalDateTime startOf(String text) {
        return text.contains("T") ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay();
    }

    private static Spread spread(JsonNode node) {
        Spread spread = new Spread(node.path("median").asDouble(), node.path("p90").asDouble());
        if (!(spread.median() > 0) || spread.p90() < spread.median()) {
            throw new IllegalArgumentException("a spread needs 0 < median <= p90, not " + node);
        }
        return spread;
    }

    private static Map<String, Double> weights(JsonNode node) {
        Map<String, Double> weights = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("a mix needs at least one weight: " + node);
        }
        return weights;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Days from the centre's opening to the first simulated day. */
    long daysSinceOpening() {
        return ChronoUnit.DAYS.between(demand.basis.openedOn, start.toLocalDate());
    }

    /** The requests of one day at 1x: given, or hours a day since opening × share from requests ÷ hours a request. */
    double baseRequestsPerDay() {
        if (demand.requestsPerDay > 0) {
            return demand.requestsPerDay;
        }
        return demand.basis.hoursSinceOpening / daysSinceOpening() * demand.basis.shareFromRequests
                / teams.meanHoursPerRequest();
    }

    /** How the 1x figure is reached, in words, for the report. */
    String derivation() {
        if (demand.requestsPerDay > 0) {
            return String.format(java.util.Locale.ROOT, "1x = %.0f requests a day, as the scenario gives it",
                    demand.requestsPerDay);
        }
        double perDay = demand.basis.hoursSinceOpening / daysSinceOpening();
        return String.format(java.util.Locale.ROOT,
                "1x = %,.0f hours ÷ %d days (%s to %s) = %.0f hours a day; × %.0f%% from residents' requests = %.0f"
                        + " hours; ÷ %.1f hours a served request (%d–%d volunteers × %.2f h mean) = **%.1f requests a day**",
                demand.basis.hoursSinceOpening, daysSinceOpening(), demand.basis.openedOn, start.toLocalDate(), perDay,
                demand.basis.shareFromRequests * 100, perDay * demand.basis.shareFromRequests,
                teams.meanHoursPerRequest(), teams.minVolunteers, teams.maxVolunteers, teams.hoursPerVolunteer.mean(),
                baseRequestsPerDay());
    }

    public Scenario withScale(double value) {
        return new Scenario(seed, start, days, value, registry, calendars, demand, teams, dispatcher,
                certifyAfterMinutes, levers);
    }

    public Scenario withDays(int value) {
        Scenario s = new Scenario(seed, start, value, scale, registry, calendars, demand, teams, dispatcher,
                certifyAfterMinutes, levers);
        s.check();
        return s;
    }

    public Scenario withLevers(Levers value) {
        return new Scenario(seed, start, days, scale, registry, calendars, demand, teams, dispatcher,
                certifyAfterMinutes, value);
    }
}
