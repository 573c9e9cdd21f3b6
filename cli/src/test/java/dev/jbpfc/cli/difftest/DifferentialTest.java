package dev.jbpfc.cli.difftest;

import dev.jbpfc.cli.InProcessJbpfc;
import dev.jbpfc.testsuite.difftest.Campaign;
import dev.jbpfc.testsuite.difftest.Compiler;
import dev.jbpfc.testsuite.difftest.DiffRunner;
import dev.jbpfc.testsuite.difftest.Outcome;
import dev.jbpfc.testsuite.difftest.ProgramGenerator;
import dev.jbpfc.testsuite.difftest.Program;
import dev.jbpfc.testsuite.difftest.CPrinter;
import dev.jbpfc.backend.isel.InstructionSelector;
import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 4's differential test: generated well-defined XDP programs compiled by jbpfc (in-process) and by clang-22
 * must behave the same in the kernel. Fails on any mismatch or jbpfc crash with the reduced reproducer in the
 * message (also saved under testsuite/target/difftest/). jbpfc errors and verifier disagreements on valid programs
 * (today: call chains whose frames jbpfc makes bigger than clang's, emitted since StackLimit checks each frame
 * only, as clang does, and refused by the verifier over its 512-byte limit) are printed as known gaps and fail only with
 * -Ddifftest.strict=true; "... is not supported yet" is listed. -Ddifftest.count=N and -Ddifftest.from=S change the
 * seed range; -Ddifftest.seeds=FILE runs the seeds listed in FILE (one a line, # comments), e.g. a campaign's
 * known gaps again.
 */
class DifferentialTest {
    static final Path OUT = Path.of("..", "testsuite", "target", "difftest").toAbsolutePath().normalize();

    /** jbpfc in this JVM ({@link InProcessJbpfc}) with clang's flags; "internal compiler error" is a crash. */
    static Compiler inProcess(String... extraFlags) {
        return (source, object) -> {
            List<String> args = new java.util.ArrayList<>(List.of(extraFlags));
            args.addAll(List.of("-O2", "-g", "--target=bpf", "-c", source.toString(), "-o", object.toString()));
            InProcessJbpfc r = InProcessJbpfc.run(args);
            String text = r.stderr();
            return new Compiler.Result(r.status() == 0 && Files.exists(object), text.contains("internal compiler error"), text);
        };
    }

    static DiffRunner runner(Path work, String... extraFlags) {
        ClangReference clang = OracleRequirement.clang();
        KernelOracle kernel = OracleRequirement.kernel();
        return new DiffRunner(kernel, clang, inProcess(extraFlags), work, 2);
    }

    @Test
    void generatedProgramsBehaveAsClangs() {
        DiffRunner runner = runner(OUT.resolve("work"));
        List<Long> seeds = seeds();
        int count = seeds.size();
        boolean strict = Boolean.getBoolean("difftest.strict");
        Campaign c = new Campaign(runner, OUT, ProgramGenerator.Config.ci(), 80).reduceAtMost(2)
                .failingOn(o -> strict ? o.isFailure() : o.kind() == Outcome.Kind.MISMATCH || o.kind() == Outcome.Kind.JBPFC_CRASH);
        long start = System.nanoTime();
        Campaign.Summary s = c.run(seeds, 0, null);
        System.out.printf("DifferentialTest: %s in %.1f s%n", s, (System.nanoTime() - start) / 1e9);
        s.unsupported().forEach(u -> System.out.println("  unsupported: " + u));
        s.tolerated().forEach(u -> System.out.println("  known gap (fails with -Ddifftest.strict=true): " + u));
        assertTrue(s.programs() == count, "ran " + s.programs());
        int judged = s.counts().getOrDefault(Outcome.Kind.MATCH, 0) + s.counts().getOrDefault(Outcome.Kind.MISMATCH, 0);
        // A chosen seed list (known gaps) may judge none; a range of seeds is the generator's fair sample.
        boolean chosen = System.getProperty("difftest.seeds") != null;
        assertTrue(chosen || judged >= count / 2, "too few programs were judged (generator or oracle trouble): " + s);
        if (!s.failures().isEmpty()) {
            fail(s.failures().size() + " of " + s.programs() + " programs fail; " + s + "\n"
                    + s.failures().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
    }

    private static List<Long> seeds() {
        String file = System.getProperty("difftest.seeds");
        if (file == null) {
            long from = Long.getLong("difftest.from", 1);
            return LongStream.range(from, from + Integer.getInteger("difftest.count", 300)).boxed().toList();
        }
        try {
            return Files.readAllLines(Path.of(file)).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(Long::parseLong).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("difftest.seeds: " + e.getMessage(), e);
        }
    }

    /**
     * Issue 12: generated programs whose entry point runs a loop with a trip count from the packet's data are
     * compiled by both compilers, run in the kernel on the same packets, and their results compared (MATCH means
     * retval, packet and map equal on every input). jbpfc lowers some of these loops to iterators, clang keeps
     * them plain, so this compares the two lowerings too.
     */
    @Test
    void dataDependentLoopsAreCompared() {
        DiffRunner runner = runner(OUT.resolve("data-loops-work"));
        int wanted = 10, ran = 0, matched = 0;
        StringBuilder seen = new StringBuilder();
        for (long seed = 1; seed <= 2_000 && ran < wanted; seed++) {
            Program p = ProgramGenerator.generate(seed, ProgramGenerator.Config.ci());
            if (p.loops().stream().noneMatch(l -> l.dataDependent())) continue;
            Outcome o = runner.run(p);
            ran++;
            seen.append("\n  seed ").append(seed).append(": ").append(o);
            assertTrue(o.kind() != Outcome.Kind.MISMATCH && o.kind() != Outcome.Kind.JBPFC_CRASH,
                    "seed " + seed + ": " + o + "\n" + CPrinter.direct(p));
            if (o.kind() == Outcome.Kind.MATCH) matched++;
        }
        System.out.println("programs with a data-dependent loop in the entry point:" + seen);
        assertTrue(ran == wanted, "only " + ran + " programs with a data-dependent loop in seeds 1..2000");
        assertTrue(matched >= wanted * 7 / 10, "only " + matched + " of " + ran + " were judged (compiled, verified, "
                + "ran and compared):" + seen);
    }

    /**
     * A deliberately wrong selection rule (32-bit add emitted as sub) is caught and reduced below 20 lines. The
     * loops stay plain: the 32-bit adds of the small programs are mostly loop counters, which an iterator loop
     * (what -floop-lowering=auto makes of many of them) does not have.
     */
    @Test
    void plantedMiscompileIsCaughtAndReduced() {
        DiffRunner runner = runner(OUT.resolve("planted-work"), "-floop-lowering=plain");
        Campaign c = new Campaign(runner, OUT.resolve("planted"), ProgramGenerator.Config.small(), 300);
        System.setProperty(InstructionSelector.PLANTED_ADD32_AS_SUB, "true");
        try {
            for (long seed = 1; seed <= 40; seed++) {
                Program p = ProgramGenerator.generate(seed, ProgramGenerator.Config.small());
                Outcome o = runner.run(p);
                if (o.kind() != Outcome.Kind.MISMATCH) continue;
                Campaign.Failure f = c.reduceAndSave(p, o);
                String text = CPrinter.direct(f.reduced());
                long lines = text.lines().count();
                System.out.println("planted miscompile: seed " + seed + " reduced to " + lines + " lines:\n" + text);
                assertTrue(lines < 20, "reduced to " + lines + " lines:\n" + text);
                return;
            }
            fail("no program of seeds 1..40 caught the planted add->sub miscompile");
        } finally {
            System.clearProperty(InstructionSelector.PLANTED_ADD32_AS_SUB);
        }
    }
}
