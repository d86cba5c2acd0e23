package diandan.local;

import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import diandan.adapter.Environment;

/**
 * One function of the template, run in this JVM as Lambda runs it: each execution environment is a handler
 * object made by the no-arg constructor with the function's environment variables in effect, and handles one
 * event at a time; a busy function gets another environment, up to its reserved concurrency. A function
 * whose handler class is not built yet is kept, and every invocation of it fails as Lambda's would.
 */
final class LambdaFunction {
    /** One execution environment: the handler object (null for a static handler method). */
    private record ExecutionEnvironment(Object handler) {
    }

    private final String id;
    private final int timeoutSeconds;
    private final Map<String, String> environment;
    private final HandlerMethod handler;
    private final FunctionError unavailable;
    private final OptionalInt reservedConcurrency;
    private final Consumer<String> log;
    private final Deque<ExecutionEnvironment> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger environments = new AtomicInteger();

    private LambdaFunction(String id, int timeoutSeconds, Map<String, String> environment, HandlerMethod handler,
                           FunctionError unavailable, OptionalInt reservedConcurrency, Consumer<String> log) {
        this.id = id;
        this.timeoutSeconds = timeoutSeconds;
        this.environment = Map.copyOf(environment);
        this.handler = handler;
        this.unavailable = unavailable;
        this.reservedConcurrency = reservedConcurrency;
        this.log = log;
    }

    /** @param log where the function's own log lines go (its {@code context.getLogger()}) */
    static LambdaFunction load(String id, String handlerName, int timeoutSeconds, Map<String, String> environment,
                               OptionalInt reservedConcurrency, Consumer<String> log) {
        HandlerMethod handler = null;
        FunctionError unavailable = null;
        try {
            handler = HandlerMethod.find(handlerName);
        } catch (ClassNotFoundException e) {
            unavailable = new FunctionError(ClassNotFoundException.class.getName(), "Class not found: " + e.getMessage(), null);
        } catch (NoSuchMethodException e) {
            unavailable = new FunctionError(NoSuchMethodException.class.getName(), e.getMessage(), null);
        }
        return new LambdaFunction(id, timeoutSeconds, environment, handler, unavailable, reservedConcurrency, log);
    }

    String id() {
        return id;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Why the function cannot run at all (its class is not built), or null. */
    FunctionError unavailable() {
        return unavailable;
    }

    /** Makes the first execution environment now, as a warm start; returns why it could not, or null. */
    FunctionError warmUp() {
        if (unavailable != null) {
            return unavailable;
        }
        try {
            idle.push(acquire());
            return null;
        } catch (FunctionError e) {
            return e;
        } catch (Throttled e) {
            return null;
        }
    }

    /**
     * Runs one event. The result is the handler's return value when the event fits its input type, else the
     * {@link HandlerMethod.JsonPayload} it produced from the event's JSON.
     */
    Object invoke(Object event, String requestId) throws FunctionError, Throttled {
        return run(requestId, (env, context) -> handler.callWithEvent(env.handler(), event, context));
    }

    /** Runs one JSON payload, as the Invoke API hands it over; returns the result as JSON. */
    byte[] invokeJson(byte[] payload, String requestId) throws FunctionError, Throttled {
        return run(requestId, (env, context) -> handler.callJson(env.handler(), payload, context));
    }

    private interface Call<T> {
        T run(ExecutionEnvironment environment, LocalContext context) throws Exception;
    }

    private <T> T run(String requestId, Call<T> call) throws FunctionError, Throttled {
        ExecutionEnvironment env = acquire();
        boolean reusable = true;
        try {
            LocalContext context = new LocalContext(requestId, id, timeoutSeconds, log);
            return withEnvironment(() -> call.run(env, context));
        } catch (Exception e) {
            throw FunctionError.of(e);
        } catch (Error e) {
            // Lambda throws away an environment whose runtime failed
            reusable = false;
            environments.decrementAndGet();
            throw new FunctionError(e.getClass().getName(), String.valueOf(e.getMessage()), e);
        } finally {
            if (reusable) {
                idle.push(env);
            }
        }
    }

    private ExecutionEnvironment acquire() throws FunctionError, Throttled {
        if (unavailable != null) {
            throw unavailable;
        }
        ExecutionEnvironment warm = idle.poll();
        if (warm != null) {
            return warm;
        }
        int count = environments.incrementAndGet();
        if (reservedConcurrency.isPresent() && count > reservedConcurrency.getAsInt()) {
            environments.decrementAndGet();
            throw new Throttled(id, reservedConcurrency.getAsInt());
        }
        try {
            return new ExecutionEnvironment(withEnvironment(handler::newInstance));
        } catch (Exception | LinkageError e) {
            environments.decrementAndGet();
            Throwable cause = e.getCause() != null && e instanceof ReflectiveOperationException ? e.getCause() : e;
            throw new FunctionError(cause.getClass().getName(), "init of " + handler.className() + " failed: "
                    + cause.getMessage(), cause);
        }
    }

    /** Environment variables are read at init and, by some code, per event: both see this function's. */
    private <T> T withEnvironment(Callable<T> body) throws Exception {
        Exception[] failure = new Exception[1];
        T result = Environment.with(environment, () -> {
            try {
                return body.call();
            } catch (Exception e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }
}
