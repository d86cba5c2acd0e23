package diandan.local;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import diandan.devkit.Template;

/**
 * The template's {@code Schedule} events, fired as EventBridge fires them: each at its expression's times, with
 * a {@code ScheduledEvent} whose {@code time} is the scheduled minute and whose {@code id} is new (or the
 * event's constant {@code Input}). A tick that fails or is throttled is logged and the schedule goes on;
 * a disabled schedule ({@code Enabled: false}) does not run.
 */
final class Schedules implements AutoCloseable {
    /** One schedule to run. */
    record Entry(String functionId, String eventId, String source, ScheduleExpression expression, String input) {
        String ruleName() {
            return LocalAccount.STACK_NAME + "-" + functionId + eventId;
        }
    }

    /** Lambda's longest timeout: no tick runs longer on AWS. */
    private static final Duration MAX_TICK = Duration.ofMinutes(15);

    private final List<Entry> entries;
    private final Map<String, LambdaFunction> functions;
    private final Clock clock;
    private final Consumer<Invocation> log;
    private final ScheduledThreadPoolExecutor timer;

    Schedules(List<Entry> entries, Map<String, LambdaFunction> functions, Clock clock, Consumer<Invocation> log) {
        this.entries = List.copyOf(entries);
        this.functions = functions;
        this.clock = clock;
        this.log = log;
        this.timer = new ScheduledThreadPoolExecutor(Math.max(1, entries.size()), runnable -> {
            Thread thread = new Thread(runnable, "schedule");
            thread.setDaemon(true);
            return thread;
        });
        // once stopping, ticks not yet due are dropped; a tick in progress finishes
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    static List<Entry> fromTemplate(Template template, Instant origin) {
        List<Entry> entries = new ArrayList<>();
        for (Template.Schedule schedule : template.schedules()) {
            Map<String, Object> properties = ApiRoutes.map(ApiRoutes.map(ApiRoutes.map(
                    template.properties(schedule.functionId()).get("Events")).get(schedule.eventId())).get("Properties"));
            if (Boolean.FALSE.equals(properties.get("Enabled")) || "DISABLED".equals(properties.get("State"))) {
                continue;
            }
            entries.add(new Entry(schedule.functionId(), schedule.eventId(), schedule.expression(),
                    ScheduleExpression.parse(schedule.expression(), origin), (String) properties.get("Input")));
        }
        return entries;
    }

    List<Entry> entries() {
        return entries;
    }

    void start() {
        entries.forEach(entry -> scheduleAfter(entry, clock.instant()));
    }

    private void scheduleAfter(Entry entry, Instant after) {
        if (timer.isShutdown()) {
            return;
        }
        entry.expression().next(after).ifPresent(at -> timer.schedule(() -> fire(entry, at),
                Math.max(0, Duration.between(clock.instant(), at).toMillis()), TimeUnit.MILLISECONDS));
    }

    private void fire(Entry entry, Instant scheduledAt) {
        try {
            tick(entry, scheduledAt);
        } finally {
            // a tick that ran past the next firing time skips it, as a rule does not queue missed ones
            Instant now = clock.instant();
            scheduleAfter(entry, now.isAfter(scheduledAt) ? now : scheduledAt);
        }
    }

    /** Runs one tick now, as if scheduled at {@code scheduledAt}; returns the function's error, or null. */
    FunctionError tick(Entry entry, Instant scheduledAt) {
        LambdaFunction function = functions.get(entry.functionId());
        String id = UUID.randomUUID().toString();
        long started = System.nanoTime();
        String trigger = "schedule " + entry.eventId();
        try {
            if (entry.input() != null) {
                function.invokeJson(entry.input().getBytes(StandardCharsets.UTF_8), id);
            } else {
                function.invoke(event(entry, id, scheduledAt), id);
            }
            log.accept(new Invocation(entry.functionId(), trigger, "ok", System.nanoTime() - started, id));
            return null;
        } catch (FunctionError failed) {
            log.accept(new Invocation(entry.functionId(), trigger, "error (" + failed.summary() + ")",
                    System.nanoTime() - started, id));
            return failed;
        } catch (Throttled throttled) {
            log.accept(new Invocation(entry.functionId(), trigger, "throttled (the previous tick still runs)",
                    System.nanoTime() - started, id));
            return null;
        }
    }

    /** The event EventBridge sends for a scheduled rule. */
    static ScheduledEvent event(Entry entry, String id, Instant scheduledAt) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(id);
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(LocalAccount.ACCOUNT_ID);
        event.setRegion(LocalAccount.REGION);
        event.setTime(new DateTime(scheduledAt.truncatedTo(ChronoUnit.SECONDS).toEpochMilli(), DateTimeZone.UTC));
        event.setResources(List.of("arn:aws:events:" + LocalAccount.REGION + ":" + LocalAccount.ACCOUNT_ID + ":rule/"
                + entry.ruleName()));
        event.setDetail(new HashMap<>());
        return event;
    }

    /** Stops firing; a tick in progress finishes first, within the longest a function may run. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(MAX_TICK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
    }
}
