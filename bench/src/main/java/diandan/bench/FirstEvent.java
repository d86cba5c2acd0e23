package diandan.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, as Lambda's Java runtime does it, in a fresh JVM: load the handler class, construct it (the
 * init phase), then answer the event through {@link LambdaRuntime} (read with the runtime's serializers, answer
 * written back). Prints one line of {@code name=value} figures: {@code wall} ms from the JVM's start to the
 * written answer, {@code init} ms to the constructed handler, {@code classes} loaded by the answer,
 * {@code status} (the HTTP status, or {@code ok}); then it writes the answer to the file named third.
 *
 * <p>With {@code --prime}, between init and event it runs the handler's SnapStart priming (its CRaC
 * {@code beforeCheckpoint}, taking {@code prime} ms), where a snapshot would be taken: {@code afterPrime} is then
 * the number of classes the event still had to load (what the snapshot misses; the runtime's own reading and
 * writing of events, which no handler can prime, done ahead and not counted) and {@code event} the ms it took.
 */
public final class FirstEvent {
    private FirstEvent() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        boolean prime = args.length > 3 && args[3].equals("--prime");

        Object handler = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        LambdaRuntime runtime = new LambdaRuntime(handler);
        StringBuilder line = new StringBuilder("FIRST-EVENT init=").append(System.currentTimeMillis() - jvmStart);
        int classesBeforeEvent = 0;
        long eventStart = 0;
        if (prime && handler instanceof org.crac.Resource resource) {
            long primeStart = System.nanoTime();
            resource.beforeCheckpoint(null);
            line.append(" prime=").append((System.nanoTime() - primeStart) / 1_000_000);
            runtime.readyFor(event);
            classesBeforeEvent = loadedClasses();
            eventStart = System.nanoTime();
        }

        byte[] answer = runtime.invoke(event);
        long wall = System.currentTimeMillis() - jvmStart;
        int classes = loadedClasses();
        line.append(" wall=").append(wall).append(" classes=").append(classes)
                .append(" status=").append(LambdaRuntime.status(answer));
        if (eventStart != 0) {
            line.append(" afterPrime=").append(classes - classesBeforeEvent)
                    .append(" event=").append((System.nanoTime() - eventStart) / 1_000_000);
        }
        System.out.println(line);
        Files.write(Path.of(args[2]), answer);
    }

    private static int loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }
}
