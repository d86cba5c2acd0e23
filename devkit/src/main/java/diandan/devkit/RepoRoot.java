package diandan.devkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: where template.yaml lives. Tests and the local stack resolve every file from it. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("diandan.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
