package dev.jbpfc.maven;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.ObjectVerdicts;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin as a user gets it: {@code examples/maven-project} (two programs and a shared header) built by a
 * separate {@code mvn -o package} against jbpfc's artifacts as this build packaged them, then its objects loaded in
 * the kernel; a second {@code mvn package} with no change compiles nothing, and one after the shared header changed
 * compiles both programs again.
 *
 * <p>The shared {@code ~/.m2} is never written: the build uses a private local repository under {@code target/it},
 * filled from two file repositories, one laid out here from the reactor's jars (jbpfc's modules and this plugin) and
 * the user's {@code ~/.m2} for everything else (Maven's own plugins), with {@code -o} and file repositories allowed
 * offline ({@code aether.offline.protocols=file}).
 */
class SampleProjectIT {
    static final String VERSION = "0.1.0-SNAPSHOT";
    static final List<String> MODULES = List.of("grammar", "ir", "bpf-isa", "btf-emit", "loop-hints", "frontend",
            "backend-bpf", "api", "jbpfc-maven-plugin");

    final Path root = Path.of(System.getenv().getOrDefault("JBPFC_ROOT", "..")).toAbsolutePath().normalize();
    final Path work = Path.of("target/it").toAbsolutePath();

    @Test
    void sampleProjectBuildsOfflineLoadsInTheKernelAndRebuildsOnlyWhatChanged() throws Exception {
        KernelOracle kernel = OracleRequirement.kernel();
        Path repo = jbpfcRepository();
        Path settings = settings(repo);
        Path project = work.resolve("maven-project");
        deleteTree(project);
        copyTree(root.resolve("examples/maven-project"), project);
        Path bpf = project.resolve("target/classes/bpf");

        String first = mvn(project, settings);
        assertTrue(first.contains("jbpfc: 2 compiled, 0 up to date"), first);
        List<Path> objects = List.of(bpf.resolve("tc_stats.bpf.o"), bpf.resolve("xdp_stats.bpf.o"));
        for (Path o : objects) assertTrue(Files.isRegularFile(o), o + " after mvn package:\n" + first);
        assertEquals("{\"object\":\"xdp_stats.bpf.o\",\"programs\":[{\"name\":\"xdp_stats\",\"section\":\"xdp\"}],"
                + "\"maps\":[{\"name\":\"xdp_counts\"}]}", Files.readString(bpf.resolve("xdp_stats.bpf.json")).trim());
        assertTrue(zipNames(project.resolve("target/maven-project-1.0.jar")).contains("bpf/xdp_stats.bpf.o"),
                "the objects go into the jar");

        ClangReference clang = OracleRequirement.clang();
        for (Path o : objects) {
            ObjectVerdicts jbpfc = kernel.verifyAll(o);
            assertEquals("", jbpfc.openError(), "libbpf cannot open " + o);
            assertFalse(jbpfc.programs().isEmpty(), o.toString());
            Path source = project.resolve("src/main/bpf/" + o.getFileName().toString().replaceFirst("\\.o$", ".c"));
            ClangResult ref = clang.compile(source, List.of("-O2", "-g", "--target=bpf", "-mcpu=v3",
                    "-idirafter", "/usr/include/x86_64-linux-gnu"));
            assertTrue(ref.ok(), "clang-22 cannot compile " + source + ":\n" + ref.diagnostics());
            ObjectVerdicts reference = kernel.verifyAll(ref.object());
            for (Verdict v : jbpfc.programs()) {
                assertTrue(v.verified(), o + ": the kernel rejects " + v.program() + ": " + v.reason() + "\n" + v.logText());
            }
            assertEquals(reference.programs().size(), jbpfc.programs().size(), "programs of " + o + " (clang-22's, jbpfc's)");
        }

        Map<Path, FileTime> built = new HashMap<>();
        for (Path o : objects) built.put(o, Files.getLastModifiedTime(o));
        String second = mvn(project, settings);
        assertTrue(second.contains("jbpfc: 0 compiled, 2 up to date"), second);
        for (Path o : objects) assertEquals(built.get(o), Files.getLastModifiedTime(o), o + " was written again");

        // The header both programs include changes: both are out of date (the compiler said it read it).
        Path header = project.resolve("src/main/bpf/packet_stats.h");
        Files.writeString(header, Files.readString(header) + "\n/* changed */\n");
        Files.setLastModifiedTime(header, FileTime.fromMillis(System.currentTimeMillis() + 2000));
        String third = mvn(project, settings);
        assertTrue(third.contains("jbpfc: 2 compiled, 0 up to date"), third);
    }

    /** {@code mvn -o -B package} in {@code project}; its output, after checking that it succeeded. */
    private String mvn(Path project, Path settings) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-o", "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + work.resolve("local"), "-Daether.offline.protocols=file", "package"));
        Path log = work.resolve("mvn.log");
        Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn package took over 5 minutes");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    /**
     * A file repository of jbpfc's artifacts as this reactor build packaged them (each module's jar and pom, and the
     * parent pom), in Maven's layout.
     */
    private Path jbpfcRepository() throws IOException {
        Path repo = work.resolve("repo");
        deleteTree(repo);
        install(repo, "jbpfc-parent", root.resolve("pom.xml"), null);
        for (String m : MODULES) {
            Path jar = root.resolve(m).resolve("target").resolve(m + "-" + VERSION + ".jar");
            assertTrue(Files.isRegularFile(jar), jar + " is missing: run this test with `mvn verify`, which packages it");
            install(repo, m, root.resolve(m).resolve("pom.xml"), jar);
        }
        // Fresh copies of jbpfc's artifacts for every run; Maven's own plugins stay in the private repository.
        deleteTree(work.resolve("local/dev/jbpfc"));
        return repo;
    }

    private static void install(Path repo, String artifact, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("dev/jbpfc").resolve(artifact).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Settings with the two file repositories; every other repository (central) is mirrored to ~/.m2. */
    private Path settings(Path repo) throws IOException {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        String xml = """
                <settings>
                  <mirrors>
                    <mirror><id>user-m2</id><mirrorOf>*,!jbpfc</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>jbpfc-it</id>
                      <repositories>
                        <repository><id>jbpfc</id><url>%s</url><snapshots><enabled>true</enabled></snapshots></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>jbpfc</id><url>%s</url><snapshots><enabled>true</enabled></snapshots></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>jbpfc-it</activeProfile></activeProfiles>
                </settings>
                """.formatted(m2.toUri(), repo.toUri(), repo.toUri());
        Path file = work.resolve("settings.xml");
        Files.createDirectories(work);
        Files.writeString(file, xml);
        return file;
    }

    private static List<String> zipNames(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            z.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target")) continue;
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
