package diandan.app.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import diandan.adapter.Wiring;
import diandan.app.escalation.LoadReconciliation;
import diandan.app.registry.DemoRegistry;
import diandan.devkit.DynaliteExtension;
import diandan.devkit.LocalTable;
import diandan.devkit.MutableClock;
import diandan.devkit.StoreProbe;
import diandan.domain.Area;
import diandan.domain.AreaType;
import diandan.domain.Caller;
import diandan.domain.Problem;
import diandan.domain.Registry;
import diandan.domain.Role;
import diandan.domain.ServiceRequest;
import diandan.domain.Team;
import diandan.port.StorageUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Team loads never drift: 1,000 random dispatch / accept / decline / start / reply / resolve / cancel / claim
 * calls from 8 threads, on requests of the demo district, while writes fail before they land, land twice, or
 * land and then fail. Every call that hears a storage fault is retried, as a client retries a 503, until it
 * gets an answer. Then, once the load reconciliation has run (it repairs what a call ended by a fault while it took
 * back a record beside a write that lost left: a count too high, never too low), every team's load must name
 * exactly the requests that are with it.
 */
@ExtendWith(DynaliteExtension.class)
class TeamLoadConsistencyTest {
    static final int OPERATIONS = 1000;
    static final int THREADS = 8;
    static final int REQUESTS = 100;
    static final int WISHES = 20;
    static final int MAX_ATTEMPTS = 50;
    static final Instant START = Instant.parse("2026-11-28T09:30:00Z");
    static final Map<StoreProbe.Fault, Double> FAULTS = Map.of(StoreProbe.Fault.REFUSED, 0.02,
            StoreProbe.Fault.DELIVERED_TWICE, 0.05, StoreProbe.Fault.UNANSWERED, 0.05);

    enum Operation { DISPATCH, ACCEPT, DECLINE, START, REPLY, RESOLVE, CANCEL, CLAIM }

    /** How often each operation is tried: mostly ones that keep requests moving between teams. */
    static final Map<Operation, Integer> WEIGHTS = Map.of(Operation.DISPATCH, 26, Operation.ACCEPT, 18,
            Operation.DECLINE, 16, Operation.START, 8, Operation.REPLY, 6, Operation.RESOLVE, 10, Operation.CANCEL, 8,
            Operation.CLAIM, 8);

    @Test
    void everyTeamsLoadNamesExactlyItsOpenRequests(LocalTable table) throws Exception {
        DemoRegistry.loadInto(table);
        StoreProbe probe = StoreProbe.on(table).seed(20261128).build();
        MutableClock clock = new MutableClock(START);
        Wiring wiring = new Wiring(probe.client(), table.name(), clock);
        Registry registry = wiring.registry.get();
        List<Team> active = registry.teams().stream().filter(Team::active).toList();
        Map<String, String> owners = submit(wiring, registry, new Random(1));

        probe.randomly(FAULTS);
        List<String> ids = new ArrayList<>(owners.keySet());
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(100 + t);
            threads.add(pool.submit(() -> {
                for (int i = 0; i < OPERATIONS / THREADS; i++) {
                    clock.advance(Duration.ofSeconds(3));
                    String id = ids.get(random.nextInt(ids.size()));
                    Operation operation = pick(random);
                    Runnable call = call(wiring, operation, id, owners.get(id), active, random);
                    String outcome = untilAnswered(call, retries);
                    outcomes.computeIfAbsent(operation + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
                }
            }));
        }
        for (Future<?> thread : threads) {
            thread.get();
        }
        pool.shutdown();
        probe.disarm();
        // A fault that ends a call while it takes back a record it left beside a write that lost (its 503) is a
        // crash in between: the load reconciliation repairs what such a call left, as in a deployment
        clock.advance(Duration.ofHours(1));
        LoadReconciliation.Result repaired = new LoadReconciliation(wiring.registryStore, wiring.requests,
                wiring.loads, LoadReconciliation.BUDGET, clock).run();
        System.out.println("reconciliation after the calls: " + repaired);

        Map<String, Set<String>> withTeam = new HashMap<>();
        for (String id : ids) {
            ServiceRequest request = wiring.requests.find(id).orElseThrow();
            request.loadTeam().ifPresent(team -> withTeam.computeIfAbsent(team, k -> new TreeSet<>()).add(id));
        }
        int open = 0;
        for (Team team : registry.teams()) {
            Set<String> expected = withTeam.getOrDefault(team.id(), Set.of());
            Set<String> counted = countedBy(table, team.id());
            assertEquals(expected, counted, () -> "requests counted against " + team.id() + "; the differing ones: "
                    + differing(expected, counted).stream().map(id -> wiring.requests.find(id).orElseThrow())
                            .map(r -> r.id() + " v" + r.version() + " " + r.status().code() + " team " + r.teamId()
                                    + " left " + r.declinedTeams()).toList());
            assertEquals(expected.size(), wiring.loads.load(team.id()).openCount(), "open count of " + team.id());
            open += expected.size();
        }
        System.out.println("load consistency: " + OPERATIONS + " calls, " + retries + " retried after a fault, faults "
                + probe.injected() + ", outcomes " + new TreeMap<>(outcomes) + ", " + open + " requests open with teams");
        assertTrue(probe.injected().values().stream().mapToInt(Integer::intValue).sum() > 50, "faults were injected");
        for (Operation operation : EnumSet.of(Operation.DISPATCH, Operation.ACCEPT, Operation.DECLINE,
                Operation.RESOLVE, Operation.CANCEL)) {
            assertTrue(outcomes.containsKey(operation + " ok"), operation + " succeeded at least once: " + outcomes);
        }
    }

    /** Requests in random communities and categories, routed as they come in; some wishes on the wall. */
    static Map<String, String> submit(Wiring wiring, Registry registry, Random random) {
        List<String> communities = registry.areas().stream().filter(a -> a.type() == AreaType.COMMUNITY)
                .map(Area::id).toList();
        List<String> categories = registry.categories().stream().map(c -> c.code()).toList();
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < REQUESTS + WISHES; i++) {
            String resident = "resident-" + i;
            NewRequest form = new NewRequest(categories.get(random.nextInt(categories.size())), "需要帮助 " + i,
                    communities.get(random.nextInt(communities.size())), "某小区" + i + "号楼", "居民" + i,
                    "138" + String.format("%08d", i), i < REQUESTS ? "app" : "wish_wall", null, null);
            ServiceRequest request = wiring.intake.submit(caller(resident, Role.RESIDENT, null), form, null).request();
            owners.put(request.id(), resident);
        }
        return owners;
    }

    static Runnable call(Wiring wiring, Operation operation, String id, String owner, List<Team> teams, Random random) {
        DispatchService dispatch = wiring.dispatch;
        ServiceRequest seen = wiring.requests.find(id).orElseThrow();
        Long ifMatch = random.nextInt(4) == 0 ? seen.version() : null;
        String someTeam = teams.get(random.nextInt(teams.size())).id();
        Caller leader = caller("leader-of-" + (seen.teamId() == null ? someTeam : seen.teamId()), Role.TEAM_LEADER,
                seen.teamId() == null ? someTeam : seen.teamId());
        return switch (operation) {
            case DISPATCH -> () -> dispatch.dispatch(caller("admin", Role.ADMIN, null), id, ifMatch, someTeam, "load test");
            case ACCEPT -> () -> dispatch.accept(leader, id, ifMatch);
            case DECLINE -> () -> dispatch.decline(leader, id, ifMatch, "no one free");
            case START -> () -> dispatch.start(leader, id, ifMatch);
            case REPLY -> () -> dispatch.reply(leader, id, ifMatch, "on our way", null);
            case RESOLVE -> () -> dispatch.resolve(leader, id, ifMatch, "done");
            case CANCEL -> () -> wiring.intake.cancel(caller(owner, Role.RESIDENT, null), id, ifMatch, "no longer needed");
            case CLAIM -> () -> dispatch.claim(caller("leader-of-" + someTeam, Role.TEAM_LEADER, someTeam), id, ifMatch,
                    someTeam);
        };
    }

    /** Runs a call as a client does: a storage fault (503) is retried, any other answer is final. */
    static String untilAnswered(Runnable call, AtomicInteger retries) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                call.run();
                return "ok";
            } catch (Problem refused) {
                return Integer.toString(refused.kind().status);
            } catch (StorageUnavailableException fault) {
                retries.incrementAndGet();
            }
        }
        return fail("no answer after " + MAX_ATTEMPTS + " attempts");
    }

    static Operation pick(Random random) {
        int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
        int roll = random.nextInt(total);
        for (Operation operation : Operation.values()) {
            roll -= WEIGHTS.get(operation);
            if (roll < 0) {
                return operation;
            }
        }
        throw new IllegalStateException();
    }

    static Caller caller(String sub, Role role, String teamId) {
        return new Caller(sub, EnumSet.of(role), teamId, null, null);
    }

    static Set<String> differing(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        union.removeIf(id -> a.contains(id) && b.contains(id));
        return union;
    }

    /** The requests a team's load item counts, read from the item itself. */
    static Set<String> countedBy(LocalTable table, String teamId) {
        Map<String, AttributeValue> item = table.client().getItem(b -> b.tableName(table.name()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("LOAD#" + teamId), "sk", AttributeValue.fromS("LOAD")))).item();
        Set<String> counted = new TreeSet<>();
        item.forEach((name, value) -> {
            if (name.startsWith("R#") && Long.parseLong(value.n()) > 0) {
                counted.add(name.substring(2));
            }
        });
        return counted;
    }
}
