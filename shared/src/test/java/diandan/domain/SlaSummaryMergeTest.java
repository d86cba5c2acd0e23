package diandan.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Summaries of parts add up to the summary of the whole (medians exact: times are kept as counts per second),
 * and what a closed or cancelled request adds no longer changes, its contact erasure included.
 */
class SlaSummaryMergeTest {
    static final Instant AS_OF = HoldTest.SUBMITTED.plus(Duration.ofDays(3));

    /** The accepted request of {@link HoldTest}, replied and resolved after these seconds, or left open. */
    static ServiceRequest served(long replied, Long resolved) {
        ServiceRequest request = RequestLifecycle.reply(HoldTest.accepted(), "leader-a", "coming", null,
                HoldTest.SUBMITTED.plusSeconds(replied));
        return resolved == null ? request
                : RequestLifecycle.resolve(request, "leader-a", "done", HoldTest.SUBMITTED.plusSeconds(resolved));
    }

    static String text(SlaSummary summary) {
        StringBuilder text = new StringBuilder("requests " + summary.requests() + " held " + summary.held() + " "
                + summary.heldFor());
        for (SlaClock clock : SlaClock.values()) {
            text.append(' ').append(clock).append(' ').append(summary.judged(clock)).append('/').append(summary.met(clock))
                    .append(" median ").append(summary.medianMinutes(clock));
        }
        return text.toString();
    }

    @Test
    void summariesOfPartsMergeIntoTheSummaryOfTheWholeWithExactMedians() {
        Random random = new Random(7);
        List<ServiceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            long replied = 60 + random.nextInt(3600);
            requests.add(served(replied, i % 5 == 0 ? null : replied + random.nextInt(200_000)));
        }
        for (int parts = 1; parts <= 4; parts++) {
            SlaSummary whole = new SlaSummary();
            SlaSummary merged = new SlaSummary();
            List<SlaSummary> split = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                split.add(new SlaSummary());
            }
            for (int i = 0; i < requests.size(); i++) {
                whole.add(requests.get(i), AS_OF, Optional.empty());
                split.get(i % parts).add(requests.get(i), AS_OF, Optional.empty());
            }
            split.forEach(merged::merge);
            assertEquals(text(whole), text(merged), parts + " parts");
        }
        // the median of an even count is the mean of the two middle times, as a sorted list gives it
        SlaSummary two = new SlaSummary();
        two.add(served(600, null), AS_OF, Optional.empty());
        two.add(served(1500, null), AS_OF, Optional.empty());
        assertEquals(17.5, two.medianMinutes(SlaClock.REPLY).getAsDouble());
    }

    @Test
    void aCancelledRequestIsJudgedWhenItWasCancelledEvenAfterItsContactIsErased() {
        ServiceRequest cancelled = RequestLifecycle.cancel(HoldTest.accepted(), "resident-1", "never mind",
                HoldTest.SUBMITTED.plus(Duration.ofMinutes(10)));
        ServiceRequest erased = RequestLifecycle.eraseContact(cancelled, "retention", "kept 30 days",
                HoldTest.SUBMITTED.plus(Duration.ofDays(30)));
        assertTrue(SlaOutcome.isFinal(cancelled));
        for (SlaClock clock : SlaClock.values()) {
            assertEquals(SlaOutcome.of(cancelled, clock, AS_OF), SlaOutcome.of(erased, clock, AS_OF.plus(Duration.ofDays(40))),
                    clock + ": the reply clock (30 min) had not come due when it was cancelled");
        }
        assertEquals(SlaOutcome.NOT_DUE, SlaOutcome.of(erased, SlaClock.REPLY, AS_OF.plus(Duration.ofDays(40))));
        assertFalse(SlaOutcome.isFinal(served(600, null)));
    }
}
