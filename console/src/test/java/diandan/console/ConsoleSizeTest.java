package diandan.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import diandan.devkit.RepoRoot;

/** The console stays light: its JavaScript, each file gzipped as a server would send it, within the budget. */
class ConsoleSizeTest {
    static final Path SITE = RepoRoot.find().resolve("console/site");
    /** The budget docs/console.md states. */
    static final long BUDGET_BYTES = 150 * 1024;

    @Test
    void theConsolesJavaScriptGzippedIsWithinItsBudget() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(SITE)) {
            scripts = files.filter(file -> file.toString().endsWith(".js")).sorted().toList();
        }
        assertTrue(scripts.size() > 5, "the console's scripts are under " + SITE);
        long total = scripts.stream().mapToLong(ConsoleSizeTest::gzipped).sum();
        long raw = scripts.stream().mapToLong(file -> {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
        System.out.printf("console JavaScript: %d files, %d bytes, %d bytes gzipped (budget %d)%n", scripts.size(), raw,
                total, BUDGET_BYTES);
        assertTrue(total <= BUDGET_BYTES, "the console's JavaScript is " + total + " bytes gzipped, over " + BUDGET_BYTES);
    }

    static long gzipped(Path file) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(Files.readAllBytes(file));
            }
            return out.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
