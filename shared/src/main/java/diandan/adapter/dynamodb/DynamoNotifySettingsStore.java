package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.domain.notify.MessageTemplate;
import diandan.domain.notify.NotifySettings;
import diandan.port.notify.NotifySettingsStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A person's settings and consent counts in one partition ({@code pk = NOTIFY#<sub>}: {@code sk = SETTINGS} and
 * one {@code CONSENT#<template>} item per template, its count {@code n}), read together with one consistent
 * Query; a count is used with a conditional update ({@code n > 0}), so that it never goes below zero however
 * many messages race for it. A keyed call to add consents leaves its receipt in each count it raised (the string
 * set {@code calls}, {@code <first attempt's epoch ms>#<call>}, added in the same conditional update as the count),
 * so that its retry raises none twice; receipts older than the caller keeps are deleted right after a count is
 * raised (one more update, and only when some are old), so a count's set holds the receipts of a window, not of
 * every call ever made. The call's body fingerprint and time are a receipt of their own
 * ({@code pk = CONSENTCALL#<call>}). An area's followers are a partition of their own ({@code pk = FOLLOW#<areaId>}).
 * A volunteer's login: {@code volunteerId} on the login's settings, and the way back, {@code pk = NOTIFYLINK#<volunteerId>,
 * sk = LINK} with its {@code sub}; each read by key.
 */
public final class DynamoNotifySettingsStore implements NotifySettingsStore {
    private static final String SETTINGS = "SETTINGS";
    private static final String CONSENT = "CONSENT#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoNotifySettingsStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    private static AttributeValue partition(String sub) {
        return s("NOTIFY#" + sub);
    }

    @Override
    public Optional<NotifySettings> find(String sub) {
        List<Map<String, AttributeValue>> items = Storage.call("read notification settings", () -> client.query(b -> b
                .tableName(table).keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", Keys.PK))
                .expressionAttributeValues(Map.of(":p", partition(sub))).consistentRead(true))).items();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        NotifySettings settings = NotifySettings.defaults(sub);
        Map<MessageTemplate, Integer> consents = new EnumMap<>(MessageTemplate.class);
        for (Map<String, AttributeValue> item : items) {
            String sk = Attr.str(item, Keys.SK);
            if (sk.equals(SETTINGS)) {
                settings = new NotifySettings(sub, item.get("wechat").bool(), item.get("sms").bool(),
                        Attr.str(item, "openId"), Attr.str(item, "phone"), Map.of(), Attr.str(item, "volunteerId"));
            } else if (sk.startsWith(CONSENT)) {
                MessageTemplate.parse(sk.substring(CONSENT.length()))
                        .ifPresent(template -> consents.put(template, (int) Attr.num(item, "n")));
            }
        }
        return Optional.of(new NotifySettings(sub, settings.wechat(), settings.sms(), settings.openId(),
                settings.phone(), consents, settings.volunteerId()));
    }

    @Override
    public void save(NotifySettings settings) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, partition(settings.sub()));
        item.put(Keys.SK, s(SETTINGS));
        item.put("wechat", AttributeValue.fromBool(settings.wechat()));
        item.put("sms", AttributeValue.fromBool(settings.sms()));
        Attr.putIf(item, "openId", settings.openId());
        Attr.putIf(item, "phone", settings.phone());
        Attr.putIf(item, "volunteerId", settings.volunteerId());
        Storage.call("save notification settings", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    private static Map<String, AttributeValue> linkKey(String volunteerId) {
        return Map.of(Keys.PK, s("NOTIFYLINK#" + volunteerId), Keys.SK, s("LINK"));
    }

    @Override
    public void linkVolunteer(String volunteerId, String sub) {
        Map<String, AttributeValue> item = new HashMap<>(linkKey(volunteerId));
        item.put("sub", s(sub));
        Storage.call("link a volunteer's login", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public Optional<String> loginOf(String volunteerId) {
        Map<String, AttributeValue> item = Storage.call("read a volunteer's login", () -> client.getItem(b -> b
                .tableName(table).key(linkKey(volunteerId)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Attr.str(item, "sub"));
    }

    @Override
    public void addConsents(String sub, Collection<MessageTemplate> templates) {
        for (MessageTemplate template : templates) {
            add(sub, template, 1);
        }
    }

    @Override
    public ConsentCall claimConsentCall(String call, String bodyHash, Instant at) {
        Map<String, AttributeValue> key = Map.of(Keys.PK, s("CONSENTCALL#" + call), Keys.SK, s("RECEIPT"));
        try {
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("bodyHash", s(bodyHash));
            item.put("at", Attr.t(at));
            Storage.call("record a consent call", () -> client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#p)").expressionAttributeNames(Map.of("#p", Keys.PK))));
            return new ConsentCall(bodyHash, at);
        } catch (ConditionalCheckFailedException seenBefore) {
            Map<String, AttributeValue> first = Storage.call("read a consent call", () -> client.getItem(b -> b
                    .tableName(table).key(key).consistentRead(true))).item();
            // a receipt written before calls had a time: as old as can be, so its retry counts nothing
            Instant firstAt = Attr.instant(first, "at");
            return new ConsentCall(Attr.str(first, "bodyHash"), firstAt == null ? Instant.EPOCH : firstAt);
        }
    }

    @Override
    public void addConsentsOnce(String sub, String call, Instant callAt, Collection<MessageTemplate> templates,
                                Instant keptFrom) {
        String receipt = callAt.toEpochMilli() + "#" + call;
        for (MessageTemplate template : templates) {
            Map<String, AttributeValue> counted;
            try {
                counted = Storage.call("add a consent", () -> client.updateItem(b -> b.tableName(table)
                        .key(consentKey(sub, template)).updateExpression("ADD n :one, calls :calls")
                        .conditionExpression("NOT contains(calls, :call)")
                        .expressionAttributeValues(Map.of(":one", Attr.n(1),
                                ":calls", AttributeValue.fromSs(List.of(receipt)), ":call", s(receipt)))
                        .returnValues(ReturnValue.ALL_NEW))).attributes();
            } catch (ConditionalCheckFailedException countedBefore) {
                continue; // this call's earlier attempt counted this template
            }
            List<String> old = counted.get("calls").ss().stream().filter(r -> madeBefore(r, keptFrom)).toList();
            if (!old.isEmpty()) {
                Storage.call("drop old consent receipts", () -> client.updateItem(b -> b.tableName(table)
                        .key(consentKey(sub, template)).updateExpression("DELETE calls :old")
                        .expressionAttributeValues(Map.of(":old", AttributeValue.fromSs(old)))));
            }
        }
    }

    /** Whether a receipt is of a call made before {@code instant}; one written before receipts had a time is. */
    private static boolean madeBefore(String receipt, Instant instant) {
        int split = receipt.indexOf('#');
        if (split < 1 || split > 18 || !receipt.substring(0, split).chars().allMatch(Character::isDigit)) {
            return true;
        }
        return Long.parseLong(receipt.substring(0, split)) < instant.toEpochMilli();
    }

    @Override
    public boolean takeConsent(String sub, MessageTemplate template) {
        try {
            Storage.call("use a consent", () -> client.updateItem(b -> b.tableName(table).key(consentKey(sub, template))
                    .updateExpression("SET n = n - :one").conditionExpression("n > :zero")
                    .expressionAttributeValues(Map.of(":one", Attr.n(1), ":zero", Attr.n(0)))));
            return true;
        } catch (ConditionalCheckFailedException noneLeft) {
            return false;
        }
    }

    @Override
    public void giveBackConsent(String sub, MessageTemplate template) {
        add(sub, template, 1);
    }

    private void add(String sub, MessageTemplate template, int count) {
        Storage.call("add a consent", () -> client.updateItem(b -> b.tableName(table).key(consentKey(sub, template))
                .updateExpression("ADD n :n").expressionAttributeValues(Map.of(":n", Attr.n(count)))));
    }

    private static Map<String, AttributeValue> consentKey(String sub, MessageTemplate template) {
        return Map.of(Keys.PK, partition(sub), Keys.SK, s(CONSENT + template.code()));
    }

    @Override
    public void followArea(String sub, String areaId, boolean follow) {
        Map<String, AttributeValue> key = Map.of(Keys.PK, s("FOLLOW#" + areaId), Keys.SK, s(sub));
        if (follow) {
            Storage.call("follow an area", () -> client.putItem(b -> b.tableName(table).item(key)));
        } else {
            Storage.call("stop following an area", () -> client.deleteItem(b -> b.tableName(table).key(key)));
        }
    }

    @Override
    public List<String> followersOf(String areaId) {
        return Storage.call("read an area's followers", () -> client.query(b -> b.tableName(table)
                .keyConditionExpression("#p = :p").expressionAttributeNames(Map.of("#p", Keys.PK))
                .expressionAttributeValues(Map.of(":p", s("FOLLOW#" + areaId))).consistentRead(true)))
                .items().stream().map(item -> Attr.str(item, Keys.SK)).toList();
    }
}
