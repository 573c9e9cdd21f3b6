package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The external oracles of this module's tests: clang-22 / llvm-objcopy-22 (reference BTF), bpftool (reference
 * dump), gcc (to build the syscall helper) and the bpf syscall itself. A missing oracle skips the test with a
 * message, or fails it when JBPFC_REQUIRE_ORACLE=1.
 */
final class Oracle {
    private Oracle() {}

    static final Path WORK = Paths.get("target", "btf-oracle").toAbsolutePath();

    record Result(int exit, String out, String err) {}

    /** Skips (or fails under JBPFC_REQUIRE_ORACLE=1) unless {@code ok}. */
    static void require(boolean ok, String missing) {
        if (ok) return;
        if ("1".equals(System.getenv("JBPFC_REQUIRE_ORACLE"))) fail(missing + " (JBPFC_REQUIRE_ORACLE=1 makes this a failure)");
        Assumptions.abort(missing);
    }

    /** The path of {@code name} on PATH, or null. */
    static Path which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Paths.get(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    static Path requireTool(String name) {
        Path p = which(name);
        require(p != null, name + " is not installed; this test needs it as its oracle");
        return p;
    }

    static Result run(List<String> cmd) {
        try {
            Files.createDirectories(WORK);
            Path out = Files.createTempFile(WORK, "out", ".txt"), err = Files.createTempFile(WORK, "err", ".txt");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + cmd);
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run " + cmd, e);
        }
    }

    private static Path syscallHelper;

    /** The compiled bpf_btf_oracle.c; also checks that the bpf syscall works here. */
    static synchronized Path syscallHelper() throws IOException {
        if (syscallHelper != null) return syscallHelper;
        Path gcc = requireTool("gcc");
        Files.createDirectories(WORK);
        Path src = WORK.resolve("bpf_btf_oracle.c");
        try (var in = Oracle.class.getResourceAsStream("/oracle/bpf_btf_oracle.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path bin = WORK.resolve("bpf_btf_oracle");
        Result r = run(List.of(gcc.toString(), "-O1", "-Wall", "-o", bin.toString(), src.toString()));
        require(r.exit() == 0, "cannot build the bpf syscall helper with gcc (linux/bpf.h missing?): " + r.err());
        // A minimal valid BTF (one INT) tells whether this process may use the bpf syscall at all.
        BtfBuilder b = new BtfBuilder();
        b.addInt("int", 4, true, false, false);
        Result probe = kernelLoad(bin, b.encode());
        require(probe.exit() == 0, "the bpf syscall is not usable here (BPF_BTF_LOAD of a one-INT BTF: " + probe.out().lines().findFirst().orElse("") + ")");
        syscallHelper = bin;
        return bin;
    }

    private static Result kernelLoad(Path helper, byte[] btf) throws IOException {
        Path f = Files.createTempFile(WORK, "load", ".btf");
        Files.write(f, btf);
        Result r = run(List.of(helper.toString(), "btf", f.toString()));
        Files.delete(f);
        return r;
    }

    /** BPF_BTF_LOAD verdict: exit 0 and "OK", or exit 1 and "FAIL errno msg" plus the kernel's BTF log. */
    static Result loadBtf(byte[] btf) throws IOException {
        return kernelLoad(syscallHelper(), btf);
    }

    /** BPF_PROG_LOAD of a socket filter with BTF, kernel-format func_info and line_info; verifier log level 2. */
    static Result loadProg(byte[] btf, byte[] insns, byte[] funcInfo, byte[] lineInfo) throws IOException {
        Path helper = syscallHelper();
        List<Path> files = new ArrayList<>();
        for (byte[] data : List.of(btf, insns, funcInfo, lineInfo)) {
            Path f = Files.createTempFile(WORK, "prog", ".bin");
            Files.write(f, data);
            files.add(f);
        }
        List<String> cmd = new ArrayList<>(List.of(helper.toString(), "prog"));
        for (Path f : files) cmd.add(f.toString());
        Result r = run(cmd);
        for (Path f : files) Files.delete(f);
        return r;
    }

    private static Path libbpfExtHelper;

    /** btf_ext__new() verdict of libbpf (Debian's libbpf-dev) on .BTF.ext bytes: exit 0 "OK", or 1 with libbpf's reason. */
    static Result libbpfParseExt(byte[] ext) throws IOException {
        Path helper = libbpfExtHelper();
        Path f = Files.createTempFile(WORK, "ext", ".bin");
        Files.write(f, ext);
        Result r = run(List.of(helper.toString(), f.toString()));
        Files.delete(f);
        return r;
    }

    private static synchronized Path libbpfExtHelper() throws IOException {
        if (libbpfExtHelper != null) return libbpfExtHelper;
        Path gcc = requireTool("gcc");
        Files.createDirectories(WORK);
        Path src = WORK.resolve("libbpf_ext_oracle.c");
        try (var in = Oracle.class.getResourceAsStream("/oracle/libbpf_ext_oracle.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path bin = WORK.resolve("libbpf_ext_oracle");
        Result r = run(List.of(gcc.toString(), "-O1", "-Wall", "-o", bin.toString(), src.toString(), "-lbpf"));
        require(r.exit() == 0, "cannot build the libbpf .BTF.ext checker (libbpf-dev missing?): " + r.err());
        libbpfExtHelper = bin;
        return bin;
    }
}
