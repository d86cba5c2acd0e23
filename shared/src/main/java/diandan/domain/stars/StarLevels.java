package diandan.domain.stars;

import java.util.ArrayList;
import java.util.List;

import diandan.domain.Problem;

/**
 * Star levels (星级志愿者): the certified hours from which a volunteer holds each level, 1★ first. A level is
 * derived from all-time certified hours whenever it is shown, never stored, so a correction that takes hours away
 * lowers it as soon as the hours it is read from fall.
 *
 * @param thresholds whole hours, strictly increasing; level n is held from {@code thresholds[n-1]} hours
 */
public record StarLevels(List<Integer> thresholds) {
    /** The national steps (中国社区志愿者注册管理办法, art. 18), in force until an admin sets others. */
    public static final StarLevels NATIONAL = new StarLevels(List.of(100, 300, 600, 1000, 1500));
    /** Five stars, as the national rules and the provinces count them. */
    public static final int MAX_LEVELS = 5;
    /** Far beyond any lifetime of service: a larger step is a typing error. */
    public static final int MAX_HOURS = 100_000;

    public StarLevels {
        thresholds = List.copyOf(thresholds);
    }

    /** The steps an admin gives, checked: 1 to 5 whole, positive, strictly increasing hours (422 otherwise). */
    public static StarLevels of(List<Double> hours) {
        String field = "thresholds";
        if (hours.isEmpty() || hours.size() > MAX_LEVELS) {
            throw Problem.invalid(field, "must list 1 to " + MAX_LEVELS + " levels");
        }
        double previous = 0;
        for (double h : hours) {
            if (h != Math.rint(h) || h <= previous || h > MAX_HOURS) {
                throw Problem.invalid(field, "must be whole hours, more than 0, at most " + MAX_HOURS
                        + ", each more than the one before");
            }
            previous = h;
        }
        return new StarLevels(hours.stream().map(Double::intValue).toList());
    }

    /** The level held with these certified half hours: 0 (no star) below the first step. */
    public int levelOf(long halfHours) {
        int level = 0;
        while (level < thresholds.size() && halfHours >= 2L * thresholds.get(level)) {
            level++;
        }
        return level;
    }

    /** The levels reached when certified half hours rise from {@code before} to {@code after}: none when they fall. */
    public List<Integer> reachedBetween(long before, long after) {
        List<Integer> reached = new ArrayList<>();
        for (int level = levelOf(before) + 1; level <= levelOf(after); level++) {
            reached.add(level);
        }
        return reached;
    }
}
