package diandan.notifier;

import java.time.Clock;
import java.util.Map;

import diandan.adapter.Wiring;
import diandan.app.registry.RegistryTeamRoster;
import diandan.adapter.dynamodb.DynamoHoursRepository;
import diandan.adapter.dynamodb.DynamoNotifySettingsStore;
import diandan.app.notify.Notifier;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.QuietHours;
import diandan.port.notify.EventPublisher;
import diandan.port.notify.MessageSender;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** NotifierFunction's objects: the notifier on the request desk's stores; it announces nothing itself. */
final class NotifierWiring {
    final Wiring desk;
    final Notifier notifier;

    NotifierWiring(DynamoDbClient client, String table, Clock clock, Map<MessageChannel, MessageSender> senders) {
        this.desk = new Wiring(client, table, clock, (EventPublisher) null);
        this.notifier = new Notifier(desk.requests, new DynamoHoursRepository(client, table),
                new RegistryTeamRoster(desk.registry, desk.registryStore), desk.registry,
                new DynamoNotifySettingsStore(client, table),
                desk.deliveries, senders, QuietHours.STANDARD, clock);
    }
}
