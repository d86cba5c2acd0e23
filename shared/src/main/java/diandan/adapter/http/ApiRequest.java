package diandan.adapter.http;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import diandan.domain.Caller;
import diandan.domain.Problem;

/** An HTTP API (payload 2.0) event, read defensively: every accessor tolerates what a hostile client sends. */
public final class ApiRequest {
    /** Bodies larger than this are refused with 413 before parsing. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.put(name, value);
                }
            });
        }
    }

    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    public String requestId() {
        var context = event.getRequestContext();
        return context == null || context.getRequestId() == null ? "-" : context.getRequestId();
    }

    public Caller caller() {
        var context = event.getRequestContext();
        Map<String, String> claims = context == null || context.getAuthorizer() == null
                || context.getAuthorizer().getJwt() == null ? null : context.getAuthorizer().getJwt().getClaims();
        return Claims.caller(claims);
    }

    public String pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }

    /**
     * A query parameter; null when absent. Every parameter of the API is a code, an id, a number, a date or a
     * cursor: a value given empty, with spaces, control or non-ASCII characters (full-width digits that
     * {@code Integer.parseInt} would read as ASCII ones) is refused here, once for every route.
     */
    public String query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        String value = params == null ? null : params.get(name);
        if (value == null) {
            return null;
        }
        if (value.contains(",")) {
            // API Gateway joins repeated parameters with commas: one value each is all we accept
            throw Problem.invalid(name, "must be given once");
        }
        if (value.isEmpty()) {
            throw Problem.invalid(name, "must not be empty: leave the parameter out instead");
        }
        if (!value.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw Problem.invalid(name, "must be printable ASCII without spaces");
        }
        return value;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** {@code If-Match} as a version; quotes and a weak prefix are tolerated, anything else is a 400. */
    public Long ifMatch() {
        String value = header("If-Match");
        if (value == null || value.isBlank() || value.trim().equals("*")) {
            return null;
        }
        String digits = value.trim().replaceFirst("^W/", "").replace("\"", "");
        if (!digits.matches("\\d{1,15}")) {
            throw new Problem(Problem.Kind.BAD_REQUEST, "If-Match must be a request version such as \"3\"");
        }
        return Long.parseLong(digits);
    }

    /** The body as JSON with these fields; refuses oversized, undecodable and non-JSON bodies. */
    public JsonBody json(Set<String> allowedFields) {
        String text = bodyText();
        if (text != null && !text.isBlank()) {
            String type = header("Content-Type");
            String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
                throw new Problem(Problem.Kind.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
            }
        }
        return JsonBody.parse(text, allowedFields);
    }

    private String bodyText() {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            if (body.length() > MAX_BODY_BYTES * 4 / 3 + 4) {
                throw tooLarge();
            }
            try {
                bytes = Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new Problem(Problem.Kind.BAD_REQUEST, "body is marked base64 but is not");
            }
        } else {
            if (body.length() > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            try {
                // a text body holds what is not UTF-8 only as unpaired surrogates, which getBytes turns into '?'
                ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(body));
                bytes = new byte[encoded.remaining()];
                encoded.get(bytes);
            } catch (CharacterCodingException e) {
                throw notUtf8();
            }
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private static Problem notUtf8() {
        return new Problem(Problem.Kind.BAD_REQUEST, "body is not valid UTF-8");
    }

    private static Problem tooLarge() {
        return new Problem(Problem.Kind.PAYLOAD_TOO_LARGE, "body must be at most " + MAX_BODY_BYTES + " bytes");
    }

    public boolean accepts(String mediaType) {
        String accept = header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(mediaType);
    }
}
