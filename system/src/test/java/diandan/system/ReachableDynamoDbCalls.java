package diandan.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The DynamoDB operations a function's handler can reach, read from the compiled classes of its jar (its module
 * and shared): a call graph by class hierarchy from what the Lambda runtime calls, every DynamoDbClient method
 * met on the way named as its IAM action.
 *
 * <p>Sound for this code base: a virtual or interface call reaches every implementation among the project's
 * classes; a lambda or method reference reaches its body where it is made; a class the code instantiates has every
 * method reachable that overrides a library type's (the JDK, the runtime or CRaC calls those back: handleRequest,
 * beforeCheckpoint, a Supplier's get); a class touched has its static initializer run. The handler class itself is
 * instantiated by the runtime. What it cannot see is reflection into the project's own classes, which the
 * project does not use for storage. Over-approximation is the price: a method reachable in the graph counts even
 * if no input takes it there.
 */
final class ReachableDynamoDbCalls {
    /** The SDK clients the code may call, by the IAM service prefix of their actions. */
    private static final Map<String, String> CLIENTS = Map.of(
            "software/amazon/awssdk/services/dynamodb/DynamoDbClient", "dynamodb",
            "software/amazon/awssdk/services/eventbridge/EventBridgeClient", "events",
            "software/amazon/awssdk/services/sns/SnsClient", "sns",
            "software/amazon/awssdk/services/secretsmanager/SecretsManagerClient", "secretsmanager",
            "software/amazon/awssdk/services/kms/KmsClient", "kms");
    /** Client methods that are no request to the service. */
    private static final Set<String> NOT_ACTIONS = Set.of("close", "serviceName", "serviceClientConfiguration",
            "waiter", "utilities");

    private record Call(String owner, String name, String desc, boolean virtual) {
    }

    private static final class MethodInfo {
        final boolean isAbstract;
        final List<Call> calls = new ArrayList<>();
        final Set<String> touched = new HashSet<>();
        final Set<String> instantiated = new HashSet<>();
        final Set<String> strings = new HashSet<>();

        MethodInfo(boolean isAbstract) {
            this.isAbstract = isAbstract;
        }
    }

    private static final class ClassInfo {
        final String name;
        final String superName;
        final List<String> interfaces;
        final Map<String, MethodInfo> methods = new HashMap<>();

        ClassInfo(String name, String superName, String[] interfaces) {
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
        }
    }

    /**
     * What a handler can reach: the IAM actions of its DynamoDB calls, the string constants of its code, its
     * methods ({@code diandan.app.request.RequestChanges.settleInterrupted}).
     */
    record Reach(Set<String> actions, Set<String> strings, Set<String> methods) {
    }

    private final Map<String, ClassInfo> classes = new HashMap<>();

    /** The classes under these roots (class directories or jars of the function's code). */
    ReachableDynamoDbCalls(List<Path> roots) {
        for (Path root : roots) {
            // Maven's test phase puts a module's class directory on the class path, its verify phase the module's jar
            if (Files.isRegularFile(root)) {
                try (FileSystem jar = FileSystems.newFileSystem(root)) {
                    readClassesUnder(jar.getPath("/"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                readClassesUnder(root);
            }
        }
    }

    private void readClassesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(this::read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a class was loaded from: the class directory of its module. */
    static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The IAM actions ({@code dynamodb:GetItem}, ...) reachable from a handler class by the runtime's calls, and the
     * string constants of the code reached (among them the names of the indexes it may query: the code names
     * them by constants only).
     */
    Reach reach(String handlerClass) {
        String handler = handlerClass.replace('.', '/');
        if (!classes.containsKey(handler)) {
            throw new IllegalArgumentException("no class " + handlerClass + " among the function's code");
        }
        Set<String> actions = new TreeSet<>();
        Set<String> strings = new TreeSet<>();
        Set<String> methods = new TreeSet<>();
        Set<String> reached = new HashSet<>();
        Set<String> initialised = new HashSet<>();
        Set<String> instantiated = new HashSet<>();
        Deque<String[]> work = new ArrayDeque<>();
        instantiate(handler, instantiated, initialised, work);
        work.add(new String[] {handler, "<init>()V"});
        while (!work.isEmpty()) {
            String[] next = work.poll();
            if (!reached.add(next[0] + "." + next[1])) {
                continue;
            }
            MethodInfo method = classes.get(next[0]).methods.get(next[1]);
            strings.addAll(method.strings);
            methods.add(next[0].replace('/', '.') + "." + next[1].substring(0, next[1].indexOf('(')));
            for (String type : method.touched) {
                initialise(type, initialised, work);
            }
            for (String type : method.instantiated) {
                instantiate(type, instantiated, initialised, work);
            }
            for (Call call : method.calls) {
                if (CLIENTS.containsKey(call.owner)) {
                    // its static methods (builder, create) make a client, they call no service
                    if (call.virtual && !NOT_ACTIONS.contains(call.name)) {
                        String op = call.name.replace("Paginator", "");
                        actions.add(CLIENTS.get(call.owner) + ":" + Character.toUpperCase(op.charAt(0)) + op.substring(1));
                    }
                } else if (classes.containsKey(call.owner)) {
                    initialise(call.owner, initialised, work);
                    String key = call.name + call.desc;
                    if (call.virtual) {
                        for (ClassInfo sub : subtypesOf(call.owner)) {
                            enqueue(lookup(sub.name, key), key, work);
                        }
                    } else {
                        enqueue(lookup(call.owner, key), key, work);
                    }
                }
            }
        }
        return new Reach(actions, strings, methods);
    }

    private void enqueue(String declaringClass, String key, Deque<String[]> work) {
        if (declaringClass != null) {
            work.add(new String[] {declaringClass, key});
        }
    }

    private void initialise(String type, Set<String> initialised, Deque<String[]> work) {
        for (String t = type; t != null && classes.containsKey(t); t = classes.get(t).superName) {
            if (initialised.add(t) && classes.get(t).methods.containsKey("<clinit>()V")) {
                work.add(new String[] {t, "<clinit>()V"});
            }
        }
    }

    /** An object of the type exists: library code may call back any method it overrides of a library type. */
    private void instantiate(String type, Set<String> instantiated, Set<String> initialised, Deque<String[]> work) {
        if (!classes.containsKey(type) || !instantiated.add(type)) {
            return;
        }
        initialise(type, initialised, work);
        for (String key : libraryMethods(type)) {
            enqueue(lookup(type, key), key, work);
        }
    }

    /** Name and descriptor of every method of the library types above a project class. */
    private Set<String> libraryMethods(String type) {
        Set<String> keys = new HashSet<>();
        Deque<String> up = new ArrayDeque<>(List.of(type));
        while (!up.isEmpty()) {
            String t = up.poll();
            ClassInfo info = classes.get(t);
            if (info == null) {
                for (Method m : libraryClass(t).getMethods()) {
                    keys.add(m.getName() + Type.getMethodDescriptor(m));
                }
                for (Method m : libraryClass(t).getDeclaredMethods()) {
                    keys.add(m.getName() + Type.getMethodDescriptor(m));
                }
                continue;
            }
            if (info.superName != null) {
                up.add(info.superName);
            }
            up.addAll(info.interfaces);
        }
        return keys;
    }

    private static Class<?> libraryClass(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, ReachableDynamoDbCalls.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("library type " + internalName + " not on the test's class path", e);
        }
    }

    /** The class whose body a call of the method on an object of this type runs, among the project's; or null. */
    private String lookup(String type, String key) {
        for (String t = type; t != null && classes.containsKey(t); t = classes.get(t).superName) {
            MethodInfo m = classes.get(t).methods.get(key);
            if (m != null && !m.isAbstract) {
                return t;
            }
        }
        Deque<String> interfaces = new ArrayDeque<>();
        for (String t = type; t != null && classes.containsKey(t); t = classes.get(t).superName) {
            interfaces.addAll(classes.get(t).interfaces);
        }
        while (!interfaces.isEmpty()) {
            ClassInfo i = classes.get(interfaces.poll());
            if (i != null) {
                MethodInfo m = i.methods.get(key);
                if (m != null && !m.isAbstract) {
                    return i.name;
                }
                interfaces.addAll(i.interfaces);
            }
        }
        return null;
    }

    private List<ClassInfo> subtypesOf(String type) {
        return classes.values().stream().filter(c -> isSubtype(c.name, type)).toList();
    }

    private boolean isSubtype(String type, String of) {
        if (type.equals(of)) {
            return true;
        }
        ClassInfo info = classes.get(type);
        if (info == null) {
            return false;
        }
        if (info.superName != null && isSubtype(info.superName, of)) {
            return true;
        }
        return info.interfaces.stream().anyMatch(i -> isSubtype(i, of));
    }

    private void read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                private ClassInfo info;

                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    info = new ClassInfo(name, superName, interfaces);
                    classes.put(name, info);
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    MethodInfo method = new MethodInfo((access & Opcodes.ACC_ABSTRACT) != 0);
                    info.methods.put(name + descriptor, method);
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                                    boolean isInterface) {
                            boolean virtual = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE;
                            method.calls.add(new Call(owner, name, descriptor, virtual));
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                                           Object... arguments) {
                            // a lambda's body or a method reference's target: reached where it is made
                            for (Object argument : arguments) {
                                if (argument instanceof Handle h) {
                                    boolean virtual = h.getTag() == Opcodes.H_INVOKEVIRTUAL
                                            || h.getTag() == Opcodes.H_INVOKEINTERFACE;
                                    method.calls.add(new Call(h.getOwner(), h.getName(), h.getDesc(), virtual));
                                    if (h.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
                                        method.instantiated.add(h.getOwner());
                                    }
                                }
                            }
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            if (value instanceof String string) {
                                method.strings.add(string);
                            }
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            if (opcode == Opcodes.NEW) {
                                method.instantiated.add(type);
                            }
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                            if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC) {
                                method.touched.add(owner);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
