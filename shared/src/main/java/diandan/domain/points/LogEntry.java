package diandan.domain.points;

import java.time.Instant;

/**
 * One entry of an exact count's log (a volunteer's points, an item's stock): entry {@code seq} moves the count by
 * {@code amount} to {@code total}, so the total of the newest entry is the count and always the sum of all amounts.
 *
 * @param op what made the entry, unique within its log: a retried step finds it instead of writing it again
 * @param kind earned, reversed, redeemed, refunded (points); stocked, taken, returned (stock)
 * @param batch the rollup batch that earned or reversed it; 0 for every other kind
 * @param ref the hours record or redemption the entry is for
 */
public record LogEntry(long seq, String op, String kind, long amount, long total, long batch, String ref, Instant at) {
}
