package diandan.local.simulation;

import java.util.List;
import java.util.Locale;

/** Small SVG charts a browser and GitHub show as they are: lines over an axis, and horizontal bars. */
final class Svg {
    /** One line of a chart: its name, colour and points. */
    record Series(String name, String colour, double[] xs, double[] ys) {
    }

    static final String[] COLOURS = {"#1b6ac9", "#e07b00", "#2e9e44", "#c62828", "#7b3fb5", "#00838f", "#6d4c41"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private Svg() {
    }

    /**
     * @param xTicks the x values labelled, with their labels
     * @param logX whether x runs on a log scale (the sweep's 1, 2, 5, 10)
     */
    static String lines(String title, String xLabel, String yLabel, double yMax, List<Series> series,
                        double[] xTicks, String[] xTickLabels, boolean logX) {
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double x : s.xs()) {
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
            }
        }
        double[] range = {xMin, xMax == xMin ? xMin + 1 : xMax};
        StringBuilder svg = header(title);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double y = yMax * i / 4;
            int py = TOP + plotH - (int) Math.round(plotH * i / 4.0);
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#ddd'/>"
                    + "<text x='%d' y='%d' text-anchor='end' font-size='11'>%s</text>%n", LEFT, py, LEFT + plotW, py,
                    LEFT - 6, py + 4, number(y)));
        }
        for (int i = 0; i < xTicks.length; i++) {
            double px = x(xTicks[i], range, logX, plotW);
            svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#eee'/>"
                    + "<text x='%.1f' y='%d' text-anchor='middle' font-size='11'>%s</text>%n", px, TOP, px, TOP + plotH,
                    px, TOP + plotH + 16, escape(xTickLabels[i])));
        }
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle' font-size='12'>%s</text>%n",
                LEFT + plotW / 2, HEIGHT - 10, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x='14' y='%d' font-size='12' transform='rotate(-90 14 %d)' "
                + "text-anchor='middle'>%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
        int legend = 0;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.xs().length; i++) {
                if (Double.isNaN(s.ys()[i])) {
                    continue;
                }
                double px = x(s.xs()[i], range, logX, plotW);
                double py = TOP + plotH - plotH * Math.min(s.ys()[i], yMax) / yMax;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                if (s.xs().length <= 12) {
                    svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>", px, py, s.colour()));
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>%n",
                    s.colour(), points.toString().strip()));
            int ly = TOP + 10 + 18 * legend++;
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='14' height='4' fill='%s'/>"
                    + "<text x='%d' y='%d' font-size='12'>%s</text>%n", LEFT + plotW + 12, ly - 4, s.colour(),
                    LEFT + plotW + 32, ly, escape(s.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Horizontal bars, one per label, with a note at the end of each; a dashed line marks {@code mark}. */
    static String bars(String title, List<String> labels, double[] values, List<String> notes, double max, double mark,
                       String markLabel) {
        int rowH = 20;
        int labelW = 190;
        int plotW = WIDTH - labelW - 150;
        int height = TOP + rowH * labels.size() + 30;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'>%n"
                        + "<rect width='100%%' height='100%%' fill='white'/>%n"
                        + "<text x='%d' y='22' font-size='15' font-weight='bold'>%s</text>%n", WIDTH, height, 10,
                escape(title)));
        for (int i = 0; i < labels.size(); i++) {
            int y = TOP + rowH * i;
            double w = plotW * Math.min(values[i], max) / max;
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end' font-size='11'>%s</text>"
                            + "<rect x='%d' y='%d' width='%.1f' height='%d' fill='%s'/>"
                            + "<text x='%.1f' y='%d' font-size='11'>%s</text>%n", labelW - 6, y + 13, escape(labels.get(i)),
                    labelW, y + 3, w, rowH - 6, values[i] >= mark ? "#c62828" : "#1b6ac9", labelW + w + 6, y + 13,
                    escape(notes.get(i))));
        }
        double mx = labelW + plotW * mark / max;
        svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#555' "
                + "stroke-dasharray='4 3'/><text x='%.1f' y='%d' font-size='11' text-anchor='middle'>%s</text>%n",
                mx, TOP - 4, mx, TOP + rowH * labels.size(), mx, TOP + rowH * labels.size() + 16, escape(markLabel)));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder header(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'>%n"
                        + "<rect width='100%%' height='100%%' fill='white'/>%n"
                        + "<text x='10' y='22' font-size='15' font-weight='bold'>%s</text>%n", WIDTH, HEIGHT, escape(title)));
    }

    private static double x(double value, double[] range, boolean log, int plotW) {
        double f = log ? (Math.log(value) - Math.log(range[0])) / (Math.log(range[1]) - Math.log(range[0]))
                : (value - range[0]) / (range[1] - range[0]);
        return LEFT + plotW * f;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
