package diandan.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import diandan.adapter.json.Json;
import diandan.devkit.ApiEvents;
import diandan.devkit.Template;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A hostile request to one route: an event file of the route with what a hostile or broken client changes in it
 * (claims, path, query, headers, body), and the generators that make them. Null parts are left as the file has
 * them; {@code anonymous} means no token at all.
 */
record Hostile(String route, String file, Map<String, String> claims, boolean anonymous,
               Map<String, String> pathParameters, Map<String, String> query, boolean queryReplaced,
               Map<String, String> headers, String body, boolean base64) {
    /** Query parameters some route reads; others are sent too. */
    static final List<String> QUERY_NAMES = List.of("status", "communityId", "category", "teamId", "areaId", "from",
            "to", "limit", "cursor", "level", "acknowledged", "groupBy", "scope", "id", "period", "disputed");
    private static final String MARKER = "HOSTILE-VALUE-7f3a";

    /** The event as the function receives it. */
    APIGatewayV2HTTPEvent event(String requestId) {
        APIGatewayV2HTTPEvent event = ApiEvents.load(file);
        event.getRequestContext().setRequestId(requestId);
        ApiEvents.as(event, anonymous ? null : claims);
        if (pathParameters != null) {
            event.setPathParameters(new HashMap<>(pathParameters));
        }
        if (query != null) {
            Map<String, String> merged = queryReplaced || event.getQueryStringParameters() == null
                    ? new LinkedHashMap<>() : new LinkedHashMap<>(event.getQueryStringParameters());
            merged.putAll(query);
            event.setQueryStringParameters(merged);
        }
        if (headers != null && headers.isEmpty()) {
            event.setHeaders(null);
        } else if (headers != null) {
            Map<String, String> merged = event.getHeaders() == null ? new HashMap<>() : new HashMap<>(event.getHeaders());
            headers.forEach((name, value) -> {
                if (value.equals("<absent>")) {
                    merged.remove(name);
                } else {
                    merged.put(name, value);
                }
            });
            event.setHeaders(merged);
        }
        if (body != null) {
            event.setBody(body);
            event.setIsBase64Encoded(base64);
        }
        return event;
    }

    @Override
    public String toString() {
        return route + " from " + file + (anonymous ? ", no token" : ", claims " + shown(claims))
                + (pathParameters == null ? "" : ", path " + shown(pathParameters))
                + (query == null ? "" : (queryReplaced ? ", query " : ", query with ") + shown(query))
                + (headers == null ? "" : ", headers " + shown(headers))
                + (body == null ? "" : ", " + (base64 ? "base64 " : "") + "body " + shown(body));
    }

    private static String shown(Map<String, String> map) {
        return map == null ? "null" : map.entrySet().stream().map(e -> e.getKey() + "=" + shown(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Long values shown by their length and start, control characters escaped, so that a report stays readable. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        String start = value.length() > 120 ? value.substring(0, 120) : value;
        StringBuilder text = new StringBuilder();
        start.chars().forEach(c -> text.append(c < 0x20 || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return value.length() > 120 ? "<" + value.length() + " chars: " + text + "...>" : "'" + text + "'";
    }

    // ---- generators ----

    /** Hostile requests to this route, from each of its event files. */
    static Arbitrary<Hostile> to(Template.Route route, List<String> files, Map<String, String> ownerClaims,
                                 List<String> realIds, List<String> realCursors) {
        return Arbitraries.of(files).flatMap(file -> {
            String fileBody = ApiEvents.load(file).getBody();
            Arbitrary<Tuple.Tuple2<Map<String, String>, Boolean>> caller = Arbitraries.frequencyOf(
                    Tuple.of(5, Arbitraries.just(Tuple.of(Map.<String, String>of(), true))),
                    Tuple.of(45, realClaims(ownerClaims).map(c -> Tuple.of(c, false))),
                    Tuple.of(50, randomClaims().map(c -> Tuple.of(c, false))));
            return Combinators.combine(caller, pathParameters(route, realIds), queries(realCursors),
                    Arbitraries.of(true, false), headerSets(), bodies(fileBody))
                    .as((who, path, query, replaced, headers, body) -> new Hostile(route.routeKey(), file, who.get1(),
                            who.get2(), path, query, replaced, headers, body.get1(), body.get2()));
        });
    }

    private static Arbitrary<Map<String, String>> realClaims(Map<String, String> ownerClaims) {
        List<Map<String, String>> callers = new ArrayList<>();
        callers.add(ownerClaims);
        for (Who who : Who.values()) {
            if (who != Who.NOBODY && who != Who.OWNER) {
                callers.add(who.claims("resident-other"));
            }
        }
        return Arbitraries.of(callers);
    }

    /** Claims no authorizer should pass, and some it would: every role, unknown groups, missing and odd values. */
    private static Arbitrary<Map<String, String>> randomClaims() {
        Arbitrary<String> sub = Arbitraries.oneOf(Arbitraries.of("", "   ", "resident-hostile", "admin", "null"),
                wellFormed(Arbitraries.strings().ofMinLength(1).ofMaxLength(20)), Arbitraries.just("s".repeat(5000)))
                .injectNull(0.15);
        Arbitrary<String> groups = Arbitraries.oneOf(Arbitraries.of("[admin]", "[dispatcher]", "[team_leader volunteer]",
                "[resident]", "[volunteer]", "admin", "Admin", "[ADMIN]", "[root]", "[]", "", "[admin dispatcher "
                        + "resident volunteer team_leader]", "[\"admin\"]", "[\"team_leader\",\"volunteer\"]",
                "admin,resident", "[resident", "dispatcher]", "team_leader", "[ admin ]", "[superuser admin]"),
                wellFormed(Arbitraries.strings().ofMaxLength(30))).injectNull(0.1);
        Arbitrary<String> team = Arbitraries.of(World.SERVING_TEAM, "team-legal", "xinbei-juandilv", "", " ",
                "../team-care", "TEAM-CARE").injectNull(0.4);
        Arbitrary<String> area = Arbitraries.of("weiyang", "weicheng", "xinbei", "wenhuilu", "", "nowhere", "WEIYANG",
                "weiyang,wenhuilu").injectNull(0.4);
        Arbitrary<String> volunteer = Arbitraries.of(World.VOLUNTEER, "v-chen", "v0104", "", "v-li ").injectNull(0.5);
        return Combinators.combine(sub, groups, team, area, volunteer).as((s, g, t, a, v) -> {
            Map<String, String> claims = new HashMap<>();
            put(claims, "sub", s);
            put(claims, "cognito:groups", g);
            put(claims, "custom:team_id", t);
            put(claims, "custom:area_id", a);
            put(claims, "custom:volunteer_id", v);
            return claims;
        });
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    /** Real ids of every kind (that a route may not expect) or hostile path fragments; null: as in the file. */
    private static Arbitrary<Map<String, String>> pathParameters(Template.Route route, List<String> realIds) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(route.path());
        while (m.find()) {
            names.add(m.group(1));
        }
        if (names.isEmpty()) {
            return Arbitraries.just(null);
        }
        Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(40, Arbitraries.of(realIds)),
                Tuple.of(60, hostileText()));
        Arbitrary<Map<String, String>> given = value.list().ofSize(names.size()).map(values -> {
            Map<String, String> path = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                path.put(names.get(i), values.get(i));
            }
            return path;
        });
        return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(null)), Tuple.of(85, given),
                Tuple.of(5, Arbitraries.just(Map.of())));
    }

    /** Strings a hostile client puts where an id, a name or a number goes. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "..", "../..", "../../etc/passwd", "%2F", "a%2Fb", "a/b", "%00", "\u0000",
                        "null", "undefined", "0", "-1", "-0", "1e400", "NaN", "Infinity", "-Infinity", "😀🇨🇳",
                        "\u202eabc", "\u200f\u05de\u05d6\u05d4\u05d4", "id\nwith\nnewlines", "<script>", "' OR 1=1 --",
                        "${jndi:ldap://x}", "a,b", "r0000000000000000000000", "R0000000000000000000000", " team-care ",
                        "team-care\u0000", "\ufeffv-li", "v-li%00", "TEAM#team-care", "REQ#x", "*", "\\", "%", "+"),
                wellFormed(Arbitraries.strings().ofMaxLength(30)),
                Arbitraries.strings().withChars("./%\\-_#~0").ofMaxLength(20),
                Arbitraries.strings().alpha().numeric().ofMinLength(60).ofMaxLength(3000),
                Arbitraries.just("x".repeat(10_000)));
    }

    /** Without unpaired surrogates: no client can send those outside a JSON escape (they are not UTF-8). */
    private static Arbitrary<String> wellFormed(Arbitrary<String> strings) {
        return strings.filter(s -> s.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff));
    }

    /**
     * Random query strings: known and unknown names, numbers out of range, dates out of range, cursors of other
     * lists and callers, cursor garbage.
     */
    private static Arbitrary<Map<String, String>> queries(List<String> realCursors) {
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(85, Arbitraries.of(QUERY_NAMES)),
                Tuple.of(15, wellFormed(Arbitraries.strings().ofMinLength(1).ofMaxLength(10))));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.of("-1", "0", "1", "20", "100", "101", "1e400", "NaN", "-0", "Infinity",
                        "2147483648", "", " ", "a,b", "20,20", "2026-11-01", "2026-13-45", "2026-11-01T00:00:00Z",
                        "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-11-01T00:00:00+08:00",
                        "99999-01-01", "1970-01-01T00:00:00Z", "2099-12-31", "weiyang", "xinbei", "weicheng",
                        World.SERVING_TEAM, "pending", "dispatched", "unrouted", "volunteer", "team", "street",
                        "category", "district", "2026", "2026-11", "all", "true", "false", "TRUE", "3", "4")),
                Tuple.of(10, cursors()),
                Tuple.of(45, hostileText()));
        Arbitrary<Map<String, String>> params = Arbitraries.maps(name, value).ofMaxSize(5);
        // a cursor from another page of another list, caller or filter, with the rest of the query
        Arbitrary<String> cursor = Arbitraries.frequencyOf(Tuple.of(60, Arbitraries.of(realCursors)),
                Tuple.of(40, cursors()));
        Arbitrary<Map<String, String>> paging = Combinators.combine(params, cursor).as((p, c) -> {
            Map<String, String> withCursor = new HashMap<>(p);
            withCursor.put("cursor", c);
            return withCursor;
        });
        return Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.just(null)), Tuple.of(45, params),
                Tuple.of(25, paging));
    }

    /** Cursor garbage, and cursors shaped like ours but naming another list, partition or range. */
    static Arbitrary<String> cursors() {
        Arbitrary<String> tag = Arbitraries.of("ByOwner", "ByCommunity", "ByStreet", "ByDistrict", "ByTeam", "ByQueue",
                "alertsByCommunity", "alertsByStreet", "alertsByDistrict", "ByDue", "");
        Arbitrary<String> partition = Arbitraries.of("RES#resident-hostile", "RES#resident-other", "TEAM#team-care",
                "TEAM#team-legal", "COM#xinbei", "STR#weiyang", "STR#wenhuilu", "DIS#weicheng", "HOURS#team-care",
                "HOURS#xinbei", "VOL#v-li", "ACT#xinbei", "ACT#team-care", "QUEUE#open_wish", "QUEUE#unrouted",
                "ALERT#xinbei", "x", "界".repeat(400));
        Arbitrary<String> sort = Arbitraries.of("2026-11-28T09:30:00.000Z#r0", "2026-11-28T01:00:00.000Z#x", "0",
                "zzzz", "~", "2099-01-01T00:00:00.000Z#z", "1999-01-01T00:00:00.000Z#a", "界".repeat(400));
        Arbitrary<String> key = Arbitraries.of("REQ#r0", "HOURS#h0", "ALERT#a0", "x", "界".repeat(700));
        Arbitrary<String> forged = Combinators.combine(tag, partition, sort, key, Arbitraries.of(true, false))
                .as((t, p, s, k, complete) -> {
                    String attribute = switch (t.replace("alerts", "")) {
                        case "ByOwner" -> "ownerKey";
                        case "ByCommunity" -> "communityKey";
                        case "ByStreet" -> "streetKey";
                        case "ByDistrict" -> "districtKey";
                        case "ByTeam" -> "teamKey";
                        case "ByQueue" -> "queueKey";
                        default -> "dueKey";
                    };
                    String text = t + "\u001epk\u001f" + k + "\u001esk\u001f" + k + "\u001e" + attribute + "\u001f" + p
                            + (complete ? "\u001elistSort\u001f" + s : "");
                    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
                });
        Arbitrary<String> garbage = Arbitraries.oneOf(
                wellFormed(Arbitraries.strings().ofMaxLength(40)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(60)
                        .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b)),
                Arbitraries.of("dGVhbTp0ZWFtLWNhcmU", "dGVhbTo", "dGVhbTouLi8uLg", "====", "a", "+/+/"));
        return Arbitraries.oneOf(forged, garbage);
    }

    /**
     * Header overrides: content types, versions, keys, accept; API Gateway's joined duplicates; absent ones; an
     * empty map: no headers at all.
     */
    private static Arbitrary<Map<String, String>> headerSets() {
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json; charset=utf-8",
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/json; charset=utf-16", "APPLICATION/JSON", "application/problem+json", "",
                "application/json,application/json", "application/json,text/plain", "json", "<absent>");
        Arbitrary<String> ifMatch = Arbitraries.of("\"1\"", "\"2\"", "W/\"1\"", "*", "abc", "\"-1\"",
                "99999999999999999999", "\"1\",\"2\"", "1,2", "", "\"\"", "<absent>");
        Arbitrary<String> idempotencyKey = Arbitraries.oneOf(Arbitraries.of("k1", "k1,k1", "", " ", "ключ", "k\u0000",
                "<absent>"), Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(200));
        Arbitrary<String> accept = Arbitraries.of("text/html", "*/*", "application/json", "text/csv", "image/png",
                "text/html,application/json", "", "<absent>");
        Arbitrary<Map<String, String>> some = Combinators.combine(
                contentType.injectNull(0.5), ifMatch.injectNull(0.6), idempotencyKey.injectNull(0.6),
                accept.injectNull(0.7)).as((c, i, k, a) -> {
                    Map<String, String> headers = new HashMap<>();
                    put(headers, "content-type", c);
                    put(headers, "if-match", i);
                    put(headers, "idempotency-key", k);
                    put(headers, "accept", a);
                    return headers;
                });
        return Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.just(null)), Tuple.of(65, some),
                Tuple.of(5, Arbitraries.just(Map.of())));
    }

    /** The body and whether it is marked base64; a null body: as in the file. */
    private static Arbitrary<Tuple.Tuple2<String, Boolean>> bodies(String fileBody) {
        String valid = fileBody == null ? "{}" : fileBody;
        List<String> fields = fieldPaths(valid);
        Arbitrary<String> text = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(valid)),
                Tuple.of(35, Combinators.combine(Arbitraries.of(fields), jsonValue().injectNull(0.1))
                        .as((field, value) -> withField(valid, field, value))),
                Tuple.of(10, jsonValue()),
                Tuple.of(15, malformed()),
                Tuple.of(5, huge()));
        Arbitrary<Tuple.Tuple2<String, Boolean>> plain = text.map(t -> Tuple.of(t, false));
        Arbitrary<Tuple.Tuple2<String, Boolean>> encoded = Arbitraries.oneOf(
                text.map(t -> Base64.getEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100).map(b -> Base64.getEncoder().encodeToString(b)),
                Arbitraries.of("!!!not base64!!!", "e30", "e30=\n", "////", "\u00e9t\u00e9"))
                .map(t -> Tuple.of(t, true));
        return Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.just(Tuple.of(null, false))), Tuple.of(70, plain),
                Tuple.of(10, encoded), Tuple.of(5, Arbitraries.of(Tuple.of("", false), Tuple.of("   ", false))));
    }

    /** Dotted paths to every field of the body, nested ones too ({@code entries.0.hours}), and a new one. */
    private static List<String> fieldPaths(String body) {
        List<String> paths = new ArrayList<>();
        try {
            collect(Json.read(body), "", paths);
        } catch (Exception e) {
            throw new IllegalStateException("an event file's body is not JSON", e);
        }
        paths.add("unexpectedField");
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                paths.add(prefix + name);
                collect(node.get(name), prefix + name + ".", paths);
            });
        } else if (node.isArray() && !node.isEmpty()) {
            paths.add(prefix + "0");
            collect(node.get(0), prefix + "0.", paths);
        }
    }

    /** The body with one field set to a raw JSON text (kept as sent: 1e400 stays 1e400), or removed when null. */
    static String withField(String body, String path, String rawValue) {
        try {
            JsonNode root = Json.read(body);
            String[] steps = path.split("\\.");
            JsonNode parent = root;
            for (int i = 0; i < steps.length - 1; i++) {
                parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
            }
            String last = steps[steps.length - 1];
            if (parent instanceof ObjectNode object) {
                if (rawValue == null) {
                    object.remove(last);
                } else {
                    object.put(last, MARKER);
                }
            } else if (parent instanceof ArrayNode array) {
                if (rawValue == null) {
                    array.remove(Integer.parseInt(last));
                } else {
                    array.set(Integer.parseInt(last), MARKER);
                }
            }
            return Json.write(root).replace("\"" + MARKER + "\"", rawValue == null ? "" : rawValue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON values of every type, as raw text: the strings with escapes a client may send. */
    static Arbitrary<String> jsonValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("\"\"", "\"   \"", "\"😀🇨🇳\"", "\"\\u202eRTL\"", "\"\\u0000\"", "\"\\ud800\"",
                        "\"\\udc00x\"", "\"a\\ud83d\"", "\"a\\nb\"", "\"\\t\"", "\"\\u0007\"", "\"1e400\"", "\"NaN\"",
                        "\"-1\"", "\"2026-02-30\"", "\"2026-11-28T25:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"",
                        "\"team-care\"", "\"v-li\"", "\"xinbei\"", "\"elderly_care\"", "\"request\"", "\"activity\"",
                        "\"hotline\"", "\"wish_wall\"", "\"13812345678\"", "\"2026-11-28\""),
                Arbitraries.of("1e400", "-1e400", "-1", "-0", "0", "-0.0", "0.5", "2.5", "24", "24.5", "1e-400",
                        "123456789012345678901234567890", "9223372036854775808", "1.0", "3.14159", "100", "101",
                        "2147483648", "5", "1", "0.25", "1E2"),
                Arbitraries.of("true", "false", "null", "[]", "{}", "[\"a\"]", "[1,2,3]", "{\"a\":1}", "[null]",
                        "[\"team-care\",\"team-care\"]", "[{}]", "{\"type\":\"request\"}"),
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(30).map(s -> "\"" + s + "\""),
                Arbitraries.strings().withCharRange('\u4e00', '\u4fff').ofMinLength(40).ofMaxLength(2500)
                        .map(s -> "\"" + s + "\""),
                Arbitraries.integers().between(1, 60).map(d -> "[".repeat(d) + "]".repeat(d)),
                Arbitraries.integers().between(100, 3000).map(n -> "[" + "\"x\",".repeat(n) + "\"x\"]"));
    }

    /** Bodies that are not JSON, or JSON of a kind no route takes. */
    private static Arbitrary<String> malformed() {
        return Arbitraries.oneOf(
                Arbitraries.of("{", "}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "[1,2", "{\"a\":NaN}",
                        "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"score\": 1e400}", "{\"a\":01}", "{\"a\":\"\\ud800\"}",
                        "{\"a\":\"\\x41\"}", "{\"a\":1}{\"b\":2}", "{\"a\":1} garbage", "\ufeff{}", "null", "true", "0",
                        "\"string\"", "/* c */ {}", "{\"reason\":\"a\",\"reason\":\"b\"}", "{\"a\":\"unterminated}",
                        "{\"a\":tru}", "<xml/>", "a=1&b=2", "\u0000", "{\"\u0000\":1}", "[]", "{\"a\":[}",
                        "{\"teamId\":\"team-care\"", "{\"hours\": -0}"),
                wellFormed(Arbitraries.strings().ofMaxLength(50)));
    }

    /** Bodies past the size limit, nesting past the parser's limit, long arrays. */
    private static Arbitrary<String> huge() {
        return Arbitraries.of(
                "{\"x\":\"" + "a".repeat(70_000) + "\"}",
                "{\"reason\":\"" + "界".repeat(25_000) + "\"}",
                "[" + "1,".repeat(9_999) + "1]",
                "[".repeat(5_000) + "]".repeat(5_000),
                "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500),
                "{\"entries\":[" + "{},".repeat(5_000) + "{}]}",
                "{\"n\":" + "9".repeat(2_000) + "}");
    }
}
