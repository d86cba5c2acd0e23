package diandan.adapter.dynamodb;

import static diandan.adapter.dynamodb.Attr.s;
import static diandan.adapter.dynamodb.Attr.str;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import diandan.port.TeamRoster;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The roster read from the team registry's items: teams ({@code REGISTRY}/{@code TEAM#id}, with their members)
 * and volunteers ({@code VOLUNTEER#id}). A volunteer's teams are the teams listing them as a member.
 */
public final class DynamoTeamRoster implements TeamRoster {
    private final DynamoDbClient client;
    private final String table;

    public DynamoTeamRoster(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<Team> team(String teamId) {
        return get(Map.of(Keys.PK, s("REGISTRY"), Keys.SK, s("TEAM#" + teamId)))
                .map(item -> new Team(str(item, "id"), str(item, "name")));
    }

    @Override
    public Optional<Volunteer> volunteer(String volunteerId) {
        return get(Map.of(Keys.PK, s("VOLUNTEER#" + volunteerId), Keys.SK, s("VOLUNTEER")))
                .map(item -> new Volunteer(str(item, "id"), str(item, "name"), str(item, "phone"),
                        teamsOf(volunteerId)));
    }

    @Override
    public boolean isMember(String volunteerId, String teamId) {
        return get(Map.of(Keys.PK, s("REGISTRY"), Keys.SK, s("TEAM#" + teamId)))
                .map(item -> Attr.strList(item, "members").contains(volunteerId)).orElse(false);
    }

    private List<String> teamsOf(String volunteerId) {
        return Storage.call("read teams", () -> client.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p AND begins_with(sk, :team)")
                        .expressionAttributeValues(Map.of(":p", s("REGISTRY"), ":team", s("TEAM#")))))
                .items().stream().filter(item -> Attr.strList(item, "members").contains(volunteerId))
                .map(item -> str(item, "id")).toList();
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = Storage.call("read roster",
                () -> client.getItem(b -> b.tableName(table).key(key)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
