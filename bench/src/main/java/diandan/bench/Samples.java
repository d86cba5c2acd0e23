package diandan.bench;

import java.util.Arrays;

/** Measurements of one thing, for their median and percentiles. */
final class Samples {
    private double[] values = new double[16];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} percent of them at or below it. */
    double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * size) - 1)];
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return percentile(0);
    }

    double max() {
        return percentile(100);
    }

    double sum() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum;
    }
}
