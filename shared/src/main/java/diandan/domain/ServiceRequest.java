package diandan.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import diandan.domain.menu.MenuOrder;

/**
 * One resident's order: what, where, for whom, its status, the team serving it, its clocks and its
 * timeline. Immutable; {@link RequestLifecycle} makes the next version.
 *
 * @param residentSub the resident's subject, or null for an operator's request for someone without an account
 * @param submittedBy who submitted it: the resident, or the operator on their behalf
 * @param declinedTeams teams it has left: that declined it, were re-routed away from it, or that a dispatcher took it
 *                      from; routing skips them
 * @param fingerprint a hash of the submitted body under its idempotency key, null without one
 * @param menuOrder the project of the menu it was ordered from and what became of that order; null when it was
 *                  not ordered from the menu
 */
public record ServiceRequest(String id, RequestStatus status, String category, String description, Channel channel,
                             AreaPath area, Contact contact, Instant preferredTime, String residentSub,
                             String submittedBy, String teamId, List<String> declinedTeams, Sla sla,
                             List<TimelineEntry> timeline, Rating rating, Instant createdAt, Instant updatedAt,
                             long version, String fingerprint, MenuOrder menuOrder) {
    public ServiceRequest {
        declinedTeams = List.copyOf(declinedTeams);
        timeline = List.copyOf(timeline);
    }

    /** A request not ordered from the menu. */
    public ServiceRequest(String id, RequestStatus status, String category, String description, Channel channel,
                          AreaPath area, Contact contact, Instant preferredTime, String residentSub,
                          String submittedBy, String teamId, List<String> declinedTeams, Sla sla,
                          List<TimelineEntry> timeline, Rating rating, Instant createdAt, Instant updatedAt,
                          long version, String fingerprint) {
        this(id, status, category, description, channel, area, contact, preferredTime, residentSub, submittedBy,
                teamId, declinedTeams, sla, timeline, rating, createdAt, updatedAt, version, fingerprint, null);
    }

    /** The same draft, ordered from the menu with this outcome (before it is first stored). */
    public ServiceRequest orderedFrom(MenuOrder order) {
        return new ServiceRequest(id, status, category, description, channel, area, contact, preferredTime,
                residentSub, submittedBy, teamId, declinedTeams, sla, timeline, rating, createdAt, updatedAt, version,
                fingerprint, order);
    }

    public boolean isWish() {
        return channel == Channel.WISH_WALL;
    }

    /**
     * Dispatched, yet no team holds it: its team declined it or was left behind for missing the respond clock.
     * Routing must find it another team or queue it as unrouted before it is stored.
     */
    public boolean needsRouting() {
        return status == RequestStatus.DISPATCHED && teamId == null;
    }

    /** The team whose open count includes this request: its team while dispatched, accepted or in service. */
    public Optional<String> loadTeam() {
        return status.isWithTeam() ? Optional.ofNullable(teamId) : Optional.empty();
    }

    /**
     * Every team this request has been with: the one it is with and those it has left. Only these teams' loads
     * can ever have counted it.
     */
    public List<String> teamHistory() {
        List<String> teams = new ArrayList<>(declinedTeams);
        if (teamId != null && !teams.contains(teamId)) {
            teams.add(teamId);
        }
        return teams;
    }

    /**
     * The next moment the sweeper must look at it: its earliest pending deadline while open (only an open
     * request's clocks escalate) or its earliest warning still to give ({@link BreachWarning}), whichever comes
     * first; the end of its rating window once resolved; none once closed or cancelled.
     */
    public Optional<Instant> nextDue() {
        if (status.isOpen()) {
            Optional<Instant> deadline = sla.nextDue();
            Optional<Instant> warning = BreachWarning.next(this);
            return warning.isPresent() && (deadline.isEmpty() || warning.get().isBefore(deadline.get())) ? warning : deadline;
        }
        return status == RequestStatus.RESOLVED ? Optional.of(RequestLifecycle.closesAt(this)) : Optional.empty();
    }

    /**
     * When it ended (its last {@code closed} or {@code cancelled} entry), while it holds contact data it no longer
     * needs: the moment its retention period counts from. Empty while open or resolved, and once erased.
     */
    public Optional<Instant> contactKeptSince() {
        if ((status != RequestStatus.CLOSED && status != RequestStatus.CANCELLED) || contact.isErased()) {
            return Optional.empty();
        }
        return timeline.stream().filter(e -> e.type().equals(status.code())).reduce((earlier, later) -> later)
                .map(TimelineEntry::at);
    }

    public Builder next() {
        return new Builder(this);
    }

    /** Copies a request with changes; every change goes through {@link RequestLifecycle}. */
    public static final class Builder {
        private RequestStatus status;
        private String teamId;
        private List<String> declinedTeams;
        private Sla sla;
        private final List<TimelineEntry> timeline;
        private Rating rating;
        private Contact contact;
        private String fingerprint;
        private final ServiceRequest from;

        private Builder(ServiceRequest from) {
            this.from = from;
            this.status = from.status;
            this.teamId = from.teamId;
            this.declinedTeams = from.declinedTeams;
            this.sla = from.sla;
            this.timeline = new ArrayList<>(from.timeline);
            this.rating = from.rating;
            this.contact = from.contact;
            this.fingerprint = from.fingerprint;
        }

        /**
         * Erases the contact data, and the submitted body's fingerprint, which was computed from it: no hash of a
         * phone number outlives the number.
         */
        public Builder eraseContact() {
            this.contact = Contact.ERASED;
            this.fingerprint = null;
            return this;
        }

        public Builder status(RequestStatus status) {
            this.status = status;
            return this;
        }

        public Builder teamId(String teamId) {
            this.teamId = teamId;
            return this;
        }

        public Builder declinedTeams(List<String> declinedTeams) {
            this.declinedTeams = declinedTeams;
            return this;
        }

        public Builder sla(Sla sla) {
            this.sla = sla;
            return this;
        }

        public Builder rating(Rating rating) {
            this.rating = rating;
            return this;
        }

        public Builder event(TimelineEntry entry) {
            timeline.add(entry);
            return this;
        }

        /** The next version, stamped at {@code at}. */
        public ServiceRequest build(Instant at) {
            return new ServiceRequest(from.id, status, from.category, from.description, from.channel, from.area,
                    contact, from.preferredTime, from.residentSub, from.submittedBy, teamId, declinedTeams, sla,
                    timeline, rating, from.createdAt, at, from.version + 1, fingerprint, from.menuOrder);
        }
    }
}
