package diandan.devkit;

import java.util.UUID;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension: one dynalite engine per test JVM (started on first use, stopped when the JVM's tests
 * end), and a fresh table per test class, created from template.yaml. Test constructors or methods take a
 * {@link LocalTable} parameter.
 */
public final class DynaliteExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynaliteExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        table(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalTable.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return table(context);
    }

    private static LocalTable table(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                ? context.getParent().orElse(context) : context;
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("table", key -> {
            Engine engine = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("engine", k -> new Engine(), Engine.class);
            String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            TableDefinition.fromTemplate(Template.load()).ensureCreated(engine.client, name);
            return new LocalTable(engine.dynalite, engine.client, name);
        }, LocalTable.class);
    }

    /** Closed by JUnit when the root context closes: after the last test of this JVM. */
    private static final class Engine implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final Dynalite dynalite = Dynalite.start(null);
        final DynamoDbClient client = dynalite.client();

        @Override
        public void close() {
            client.close();
            dynalite.close();
        }
    }
}
