package diandan.adapter.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.domain.Problem;

/**
 * A request body as a JSON object with a known set of fields. Unknown fields and wrong types are reported
 * together, field by field, before any use case runs.
 */
public final class JsonBody {
    private final ObjectNode object;
    private final String prefix;
    private final List<Problem.FieldError> errors;

    private JsonBody(ObjectNode object, String prefix, List<Problem.FieldError> errors) {
        this.object = object;
        this.prefix = prefix;
        this.errors = errors;
    }

    private void fail(String field, String message) {
        errors.add(new Problem.FieldError(prefix + field, message));
    }

    /** Parses {@code text}; an empty body reads as {@code {}} so that routes with optional bodies work. */
    public static JsonBody parse(String text, Set<String> allowedFields) {
        JsonNode node;
        if (text == null || text.isBlank()) {
            node = Json.object();
        } else {
            try {
                node = Json.read(text);
            } catch (StreamConstraintsException e) {
                throw new Problem(Problem.Kind.BAD_REQUEST, "body is nested too deeply or has an oversized value");
            } catch (JacksonException e) {
                throw new Problem(Problem.Kind.BAD_REQUEST, "body is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (node == null || !node.isObject()) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "body must be a JSON object");
        }
        return new JsonBody((ObjectNode) node, "", new ArrayList<>()).checkFields(allowedFields);
    }

    private JsonBody checkFields(Set<String> allowedFields) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                fail(name, "is not a field of this request");
            }
        }
        return this;
    }

    /** A string field; null when absent or null; a non-string is reported. */
    public String string(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            fail(field, "must be a string");
            return null;
        }
        return value.textValue();
    }

    /** A whole-number field; null when absent; fractions, huge numbers and other types are reported. */
    public Integer integer(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            fail(field, "must be a whole number");
            return null;
        }
        return value.intValue();
    }

    /** A number field (hours, for example); NaN and infinities cannot occur in JSON, huge values are reported. */
    public Double number(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || Math.abs(value.doubleValue()) > 1e9) {
            fail(field, "must be a number");
            return null;
        }
        return value.doubleValue();
    }

    /** A list of strings; null when absent. */
    public List<String> strings(String field, int maxItems) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > maxItems) {
            fail(field, "must be a list of at most " + maxItems + " strings");
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                fail(field, "must contain only strings");
                return null;
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** A list of numbers; null when absent; the caller's rules judge the values. */
    public List<Double> numbers(String field, int maxItems) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > maxItems) {
            fail(field, "must be a list of at most " + maxItems + " numbers");
            return null;
        }
        List<Double> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isNumber() || Math.abs(item.doubleValue()) > 1e9) {
                fail(field, "must contain only numbers");
                return null;
            }
            items.add(item.doubleValue());
        }
        return items;
    }

    /** A boolean field; null when absent. */
    public Boolean bool(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            fail(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** A nested object, for the caller to read with its own field list; null when absent. */
    public JsonBody object(String field, Set<String> allowedFields) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            fail(field, "must be an object");
            return null;
        }
        return new JsonBody((ObjectNode) value, prefix + field + ".", errors).checkFields(allowedFields);
    }

    /**
     * A list of objects, each read with its own field list; null when absent. Errors name the item, e.g.
     * {@code entries[2].hours}.
     */
    public List<JsonBody> objects(String field, int maxItems, Set<String> allowedFields) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > maxItems) {
            fail(field, "must be a list of at most " + maxItems + " objects");
            return null;
        }
        List<JsonBody> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                fail(field + "[" + i + "]", "must be an object");
                return null;
            }
            items.add(new JsonBody((ObjectNode) item, prefix + field + "[" + i + "].", errors).checkFields(allowedFields));
        }
        return items;
    }

    /** Refuses the body if any field was unknown or of the wrong type; call after reading every field. */
    public void requireWellTyped() {
        if (!errors.isEmpty()) {
            throw new Problem(Problem.Kind.BAD_REQUEST, errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are malformed", errors);
        }
    }
}
