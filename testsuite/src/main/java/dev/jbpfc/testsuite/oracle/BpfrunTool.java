package dev.jbpfc.testsuite.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the bpfrun helper (src/main/c/bpfrun.c, shipped on the classpath) with gcc against the libbpf from
 * scripts/build-libbpf.sh, once per content: the binary lives in ~/.cache/jbpfc/tools/bpfrun-HASH where HASH
 * covers the C source, the compile command, gcc's version and libbpf.a's content. A changed bpfrun.c or a
 * rebuilt libbpf gives a new binary; nothing is ever rebuilt in place, so concurrent test JVMs are safe.
 */
final class BpfrunTool {
    static final String SOURCE_RESOURCE = "/dev/jbpfc/testsuite/c/bpfrun.c";
    private static Path binary;

    private BpfrunTool() {
    }

    static synchronized Path binary() throws OracleUnavailableException {
        if (binary != null) return binary;
        String source = readSource();
        CommandResult gccVersion = Command.run(List.of("gcc", "--version"), null, Duration.ofSeconds(30));
        if (!gccVersion.ok()) {
            throw new OracleUnavailableException("gcc is missing (apt-get install gcc): it builds the oracle's bpfrun tool");
        }
        Path lib = ProjectLayout.libbpf();
        Path archive = lib.resolve("libbpf.a");
        List<String> link = new ArrayList<>();
        ContentHash key = new ContentHash().add(source).add(gccVersion.stdout().lines().findFirst().orElse(""));
        if (Files.isRegularFile(archive)) {
            link.addAll(List.of("-I" + lib.resolve("include"), archive.toString()));
            key.add(ContentHash.ofFile(archive));
        } else {
            if (!Files.isRegularFile(Path.of("/usr/include/bpf/libbpf.h"))) {
                throw new OracleUnavailableException("libbpf is missing: scripts/build-libbpf.sh failed and "
                        + "libbpf-dev is not installed (apt-get install libbpf-dev libelf-dev zlib1g-dev)");
            }
            link.add("-lbpf");
        }
        link.addAll(List.of("-lelf", "-lz"));
        key.add(String.join(" ", link));
        Path dir = ProjectLayout.cacheDir().resolve("tools");
        String hash = key.hex().substring(0, 20);
        Path exe = dir.resolve("bpfrun-" + hash);
        if (!Files.isExecutable(exe)) build(source, dir, hash, exe, link);
        binary = exe;
        return exe;
    }

    private static void build(String source, Path dir, String hash, Path exe, List<String> link)
            throws OracleUnavailableException {
        try {
            Files.createDirectories(dir);
            Path c = dir.resolve("bpfrun-" + hash + ".c");
            ContentHash.writeAtomically(c, source.getBytes(StandardCharsets.UTF_8));
            Path tmp = Files.createTempFile(dir, "bpfrun-" + hash, ".tmp");
            List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-o", tmp.toString(), c.toString()));
            cmd.addAll(link);
            CommandResult r = Command.run(cmd, dir, Duration.ofMinutes(5));
            if (!r.ok()) {
                Files.deleteIfExists(tmp);
                throw new OracleUnavailableException("building the oracle's bpfrun tool failed (are libelf-dev and "
                        + "zlib1g-dev installed?): " + String.join(" ", cmd) + "\n" + r.stderr());
            }
            Files.move(tmp, exe, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new OracleUnavailableException("cannot write the bpfrun tool under " + dir + ": " + e.getMessage());
        }
    }

    private static String readSource() throws OracleUnavailableException {
        try (InputStream in = BpfrunTool.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) throw new OracleUnavailableException("bpfrun.c is not on the classpath (" + SOURCE_RESOURCE + ")");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OracleUnavailableException("cannot read bpfrun.c: " + e.getMessage());
        }
    }
}
