package diandan.devkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Registered for every test class of every module (service loader + autodetection): everything the code
 * under test writes to standard output and error is kept, and a test class fails if any of it shows a phone
 * number, a mainland resident identity number, or a resident's name or address from the event files. Logs never carry personal data.
 *
 * <p>What leaves the system otherwise is audited the same way: a test hands each event it saw on the bus, and
 * each message body it saw sent, to {@link #outgoing}; they are checked with the logs when the class ends.
 */
public final class PrivateDataAudit implements BeforeAllCallback, AfterAllCallback {
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)0\\d{2,3}-\\d{7,8}(?!\\d)");
    /** Area, birth date, sequence, check character (GB 11643); confirmed by its check character, see below. */
    private static final Pattern RESIDENT_ID = Pattern.compile("(?<![0-9A-Za-z])[1-9]\\d{16}[\\dXx](?![0-9A-Za-z])");
    private static final int[] RESIDENT_ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** Random ids (the bus's event ids, ours): their hex groups spell a landline now and then, by chance alone. */
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Capture CAPTURE = new Capture();
    private static volatile Set<String> personalValues;

    @Override
    public void beforeAll(ExtensionContext context) {
        CAPTURE.install();
        CAPTURE.drain();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = new ArrayList<>();
        for (String line : CAPTURE.drain()) {
            String leak = leakIn(line);
            if (leak != null) {
                leaks.add(leak + " in: " + (line.length() > 300 ? line.substring(0, 300) + "..." : line));
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("personal data in logs of " + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }

    /** An event on the bus or a message's body, seen leaving the system: checked with the logs. */
    public static void outgoing(String what, String text) {
        CAPTURE.keep(what + ": " + text.replace('\n', ' '));
    }

    /** What in this line is personal data, or null. */
    public static String leakIn(String line) {
        String withoutIds = UUID.matcher(line).replaceAll("<id>");
        for (Pattern phone : List.of(MOBILE, LANDLINE)) {
            Matcher matcher = phone.matcher(withoutIds);
            if (matcher.find()) {
                return "phone number " + matcher.group();
            }
        }
        Matcher residentId = RESIDENT_ID.matcher(withoutIds);
        while (residentId.find()) {
            if (hasResidentIdCheckCharacter(residentId.group())) {
                return "identity number " + residentId.group();
            }
        }
        for (String value : personalValues()) {
            if (line.contains(value)) {
                return "contact value '" + value + "'";
            }
        }
        return null;
    }

    /**
     * Only 18-character numbers whose last character is the GB 11643 check character count: one in eleven
     * random 18-digit numbers would pass, which keeps long numeric ids from failing a class by chance. (The
     * devkit depends on nothing of the system, hence this second reading of the rule kept in ResidentIds.)
     */
    private static boolean hasResidentIdCheckCharacter(String number) {
        int sum = 0;
        for (int i = 0; i < RESIDENT_ID_WEIGHTS.length; i++) {
            sum += (number.charAt(i) - '0') * RESIDENT_ID_WEIGHTS[i];
        }
        return Character.toUpperCase(number.charAt(17)) == "10X98765432".charAt(sum % 11);
    }

    /** Contact names and addresses of every event file: the residents the tests submit for. */
    private static Set<String> personalValues() {
        if (personalValues == null) {
            Set<String> values = new TreeSet<>();
            ObjectMapper mapper = new ObjectMapper();
            try (Stream<Path> files = Files.list(RepoRoot.find().resolve("events"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    JsonNode body = mapper.readTree(file.toFile()).path("body");
                    if (body.isTextual() && body.asText().startsWith("{")) {
                        JsonNode fields = mapper.readTree(body.asText());
                        for (String field : List.of("contactName", "address")) {
                            if (fields.path(field).isTextual()) {
                                values.add(fields.path(field).asText());
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read events/", e);
            }
            personalValues = values;
        }
        return personalValues;
    }

    /** Tees standard output and error: they still reach the console, and a copy is kept line by line. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean installed;

        synchronized void install() {
            if (!installed) {
                System.setOut(tee(System.out));
                System.setErr(tee(System.err));
                installed = true;
            }
        }

        private PrintStream tee(PrintStream original) {
            return new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    original.write(b);
                    synchronized (Capture.this) {
                        kept.write(b);
                    }
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    original.write(bytes, offset, length);
                    synchronized (Capture.this) {
                        kept.write(bytes, offset, length);
                    }
                }
            }, true, StandardCharsets.UTF_8);
        }

        synchronized void keep(String line) {
            kept.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        synchronized List<String> drain() {
            String text = kept.toString(StandardCharsets.UTF_8);
            kept.reset();
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
