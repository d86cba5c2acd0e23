package diandan.app.notify;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import diandan.adapter.Wiring;
import diandan.app.registry.DemoRegistry;
import diandan.app.registry.RegistryTeamRoster;
import diandan.adapter.dynamodb.DynamoDeliveryLedger;
import diandan.adapter.dynamodb.DynamoHoursRepository;
import diandan.adapter.dynamodb.DynamoNotifySettingsStore;
import diandan.app.request.NewRequest;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.domain.Caller;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.notify.MessageChannel;
import diandan.domain.notify.QuietHours;

/** The desk on dynalite with its events recorded and a notifier whose channels are lists. */
final class NotifyDesk {
    static final Caller OPERATOR = new Caller("dispatcher-notify", EnumSet.of(Role.DISPATCHER), null, "weiyang", null);
    static final String CONTACT_PHONE = "13812345678";

    final MutableClock clock;
    final EventOutboxTest.RecordingBus bus = new EventOutboxTest.RecordingBus();
    final Wiring wiring;
    final DynamoNotifySettingsStore settings;
    final DynamoDeliveryLedger ledger;
    final RecordingSender wechat = new RecordingSender(MessageChannel.WECHAT);
    final RecordingSender sms = new RecordingSender(MessageChannel.SMS);
    final Notifier notifier;

    NotifyDesk(LocalTable table, Instant now) {
        DemoRegistry.loadInto(table);
        clock = new MutableClock(now);
        wiring = new Wiring(table.client(), table.name(), clock, bus);
        settings = new DynamoNotifySettingsStore(table.client(), table.name());
        ledger = new DynamoDeliveryLedger(table.client(), table.name());
        notifier = new Notifier(wiring.requests, new DynamoHoursRepository(table.client(), table.name()),
                new RegistryTeamRoster(wiring.registry, wiring.registryStore), wiring.registry, settings, ledger,
                Map.of(MessageChannel.WECHAT, wechat, MessageChannel.SMS, sms), QuietHours.STANDARD, clock);
    }

    /** A hotline request (no account: the resident is reached on the request's contact phone). */
    ServiceRequest submitByHotline() {
        return wiring.intake.submit(OPERATOR, new NewRequest("home_repair", "需要帮助", "xinbei", "3号楼2单元",
                "张桂兰", CONTACT_PHONE, "hotline", null, null), null).request();
    }

    String leaderOf(ServiceRequest request) {
        return wiring.registry.get().team(request.teamId()).orElseThrow().leaders().get(0);
    }

    Caller leader(ServiceRequest request) {
        return new Caller(leaderOf(request), EnumSet.of(Role.TEAM_LEADER), request.teamId(), null, null);
    }
}
