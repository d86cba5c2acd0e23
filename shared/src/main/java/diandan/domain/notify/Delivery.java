package diandan.domain.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import diandan.domain.Codes;
import diandan.domain.TimelineEntry;

/**
 * The record of telling one recipient of one event: how it went, on which channel, with which template, the
 * provider's message id. No address: the timeline shows it as "notified team leader by WeChat".
 *
 * @param channel           null until a channel was tried
 * @param providerMessageId the WeChat msgid or SNS MessageId of a sent message, else null
 */
public record Delivery(String requestId, String deliveryId, Recipient.Role role, MessageTemplate template,
                       Outcome outcome, MessageChannel channel, String providerMessageId, Instant at) {
    public enum Outcome {
        /** Claimed by a run that is sending it. */
        SENDING,
        SENT,
        /** Waiting out quiet hours. */
        HELD,
        /** Every way failed: a retry of the event may claim it again. */
        FAILED,
        /** No way to reach them: no consent, no phone, or both channels turned off. */
        UNREACHABLE;

        public String code() {
            return Codes.of(this);
        }
    }

    /** The timeline type of a delivery's entry. */
    public static final String TIMELINE_TYPE = "notified";

    /** "notified team leader by WeChat", for the request's timeline; null unless it was sent. */
    public String timelineNote() {
        return outcome == Outcome.SENT ? "notified " + role.words + " by " + channel.words : null;
    }

    /**
     * The request's timeline with its sent deliveries among its entries, by time (a request's own entry first
     * at the same instant): who was told and when, never how to reach them.
     */
    public static List<TimelineEntry> timeline(List<TimelineEntry> requestTimeline, List<Delivery> deliveries) {
        List<TimelineEntry> merged = new ArrayList<>(requestTimeline);
        deliveries.stream().filter(d -> d.outcome() == Outcome.SENT)
                .map(d -> new TimelineEntry(d.at(), TIMELINE_TYPE, TimelineEntry.SYSTEM, d.timelineNote()))
                .forEach(merged::add);
        merged.sort(Comparator.comparing(TimelineEntry::at)); // stable: the request's entries stay first
        return merged;
    }
}
