package diandan.domain.notify;

import java.time.Instant;

import diandan.domain.Codes;

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

    /** "notified team leader by WeChat", for the request's timeline; null unless it was sent. */
    public String timelineNote() {
        return outcome == Outcome.SENT ? "notified " + role.words + " by " + channel.words : null;
    }
}
