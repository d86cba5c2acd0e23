package diandan.adapter.priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;

/**
 * The items the files of {@code events/} act on, as the table would hold them (DynamoDB's JSON, the form its
 * answers carry), packaged in every function: the demo district's requests, alert, hours records, activities and
 * session whose ids the files name, in the states the files find them in on a local stack, made there by the use
 * cases themselves at {@code madeAt}. A route whose answer depends on the time (a session's check-in window, a
 * rating's) may answer a 4xx when primed long after; the request's and the hours' steps do not. Priming
 * starts from them ({@link PrimingHttpClient#during}) so that each file walks its route's success path on any table.
 */
public final class PrimingItems {
    /** Where the items are packaged; the local module's {@code PrimingItemsTest} writes the file from the demo. */
    public static final String RESOURCE = "diandan/priming/items.json";

    private PrimingItems() {
    }

    /** The packaged items; none when the function was packaged without them. */
    static List<JsonNode> packaged() {
        List<JsonNode> items = new ArrayList<>();
        try (InputStream in = PrimingItems.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Json.read(in).path("items").forEach(items::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }
}
