package dev.jbpfc.testsuite.oracle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine, checked once per JVM. When something is missing the test is skipped
 * ({@code Assumptions.abort}) with a message saying what and how to install it; when the environment variable
 * {@code JBPFC_REQUIRE_ORACLE=1} is set (CI sets it) the test fails instead, so a broken CI machine cannot pass
 * by skipping everything.
 *
 * <pre>
 *   ClangReference clang = OracleRequirement.clang();
 *   KernelOracle kernel = OracleRequirement.kernel();
 * </pre>
 */
public final class OracleRequirement {
    private static Object clang;
    private static Object kernel;
    private static Object corpus;
    private static Object bpftool;

    private OracleRequirement() {
    }

    /** True when missing tools must fail tests rather than skip them. */
    public static boolean required() {
        return "1".equals(System.getenv("JBPFC_REQUIRE_ORACLE"));
    }

    /** clang-22 (or $JBPFC_CLANG), the reference compiler. */
    public static synchronized ClangReference clang() {
        if (clang == null) clang = attempt(ClangReference::create);
        return use(clang, ClangReference.class);
    }

    /** gcc + libbpf (to build bpfrun) + a usable bpf syscall; prints the kernel's features on first use. */
    public static synchronized KernelOracle kernel() {
        if (kernel == null) {
            kernel = attempt(() -> {
                KernelOracle k = KernelOracle.create();
                String problem = k.probe();
                if (problem != null) throw new OracleUnavailableException(problem);
                // Once per test JVM, before any verdict: what this machine refuses explains what is not judged here.
                System.out.println("[oracle] " + k.features().summary());
                return k;
            });
        }
        return use(kernel, KernelOracle.class);
    }

    /** The selftests corpus (scripts/setup-corpus.sh; needs linux-source-6.12, bpftool, python3). */
    public static synchronized Path corpus() {
        if (corpus == null) corpus = attempt(ProjectLayout::corpus);
        return use(corpus, Path.class);
    }

    /** bpftool on the PATH (for tests that dump BTF or disassemble). */
    public static synchronized String bpftool() {
        if (bpftool == null) {
            bpftool = attempt(() -> {
                CommandResult r = Command.run(List.of("bpftool", "version"), null, Duration.ofSeconds(30));
                if (!r.ok()) throw new OracleUnavailableException("bpftool is missing (apt-get install bpftool)");
                return "bpftool";
            });
        }
        return use(bpftool, String.class);
    }

    /** The selftests' compile flags (scripts/selftests-flags, -O2 --target=bpf -mcpu=v3), a list the caller may change. */
    public static List<String> selftestsFlags() {
        try {
            return new ArrayList<>(ClangReference.selftestsFlags());
        } catch (OracleUnavailableException e) {
            missing(e.getMessage());
            throw new IllegalStateException(e); // not reached: missing() skips or fails
        }
    }

    /** Skips (or fails, under JBPFC_REQUIRE_ORACLE=1) with the given reason. */
    public static void missing(String what) {
        if (required()) Assertions.fail("oracle required (JBPFC_REQUIRE_ORACLE=1) but unavailable: " + what);
        Assumptions.abort("skipped, oracle unavailable: " + what);
    }

    private interface Check {
        Object get() throws OracleUnavailableException;
    }

    private static Object attempt(Check c) {
        try {
            return c.get();
        } catch (OracleUnavailableException e) {
            return e;
        }
    }

    private static <T> T use(Object outcome, Class<T> type) {
        if (outcome instanceof OracleUnavailableException e) missing(e.getMessage());
        return type.cast(outcome);
    }
}
