package diandan.bench;

import java.util.Locale;

/** The report being written: headings, paragraphs and tables, in GitHub's Markdown. */
final class Markdown {
    private final StringBuilder out = new StringBuilder();

    Markdown heading(int level, String text) {
        out.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    /** Another report's text, after this one's. */
    Markdown append(Markdown section) {
        out.append(section.out);
        return this;
    }

    Markdown paragraph(String text) {
        out.append(text).append("\n\n");
        return this;
    }

    /** A table; {@code columns} ending in ":" are right-aligned (numbers). */
    Table table(String... columns) {
        out.append('|');
        StringBuilder rule = new StringBuilder("|");
        for (String column : columns) {
            boolean right = column.endsWith(":");
            out.append(' ').append(right ? column.substring(0, column.length() - 1) : column).append(" |");
            rule.append(right ? "---:|" : "---|");
        }
        out.append('\n').append(rule).append('\n');
        return new Table();
    }

    final class Table {
        Table row(Object... cells) {
            out.append('|');
            for (Object cell : cells) {
                out.append(' ').append(cell).append(" |");
            }
            out.append('\n');
            return this;
        }

        Markdown end() {
            out.append('\n');
            return Markdown.this;
        }
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A target's cell: held, or not held in bold. */
    static String holds(boolean held) {
        return held ? "yes" : "**no**";
    }

    static String ratio(double value, double baseline) {
        return String.format(Locale.ROOT, "%.2f", value / baseline);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
