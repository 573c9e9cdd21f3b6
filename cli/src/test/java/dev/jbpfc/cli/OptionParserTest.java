package dev.jbpfc.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OptionParserTest {
    private static Options parse(OptionParser p, String... args) {
        return p.parse(args);
    }

    @Test
    void selftestsCommandLineIsAccepted() {
        OptionParser p = new OptionParser();
        Options o = parse(p, "-g", "-Wall", "-D__TARGET_ARCH_x86", "-mlittle-endian", "-I/a", "-I", "/b",
                "-idirafter", "/usr/include", "-Wno-compare-distinct-pointer-types", "-DENABLE_ATOMICS_TESTS",
                "-O2", "--target=bpf", "-mcpu=v3", "-c", "prog.c", "-o", "prog.o");
        assertEquals(List.of(), p.errors());
        assertTrue(o.debugInfo);
        assertEquals('2', o.optLevel);
        assertEquals(3, o.cpuVersion);
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), o.includeDirs);
        assertEquals(List.of(Path.of("/usr/include")), o.afterDirs);
        assertEquals(List.of(new Options.MacroOption(true, "__TARGET_ARCH_x86"),
                new Options.MacroOption(true, "ENABLE_ATOMICS_TESTS")), o.macros);
        assertEquals(List.of(Path.of("prog.c")), o.inputs);
        assertEquals(Path.of("prog.o"), o.output);
        assertEquals(Options.Action.OBJECT, o.action);
    }

    @Test
    void unknownFlagIsAnErrorAsInClang() {
        OptionParser p = new OptionParser();
        parse(p, "-foo", "x.c");
        assertEquals(List.of("unknown argument: '-foo'"), p.errors());
    }

    @Test
    void warningFlagsKeepTheirOrderAndLastWerrorWins() {
        OptionParser p = new OptionParser();
        Options o = parse(p, "-Werror", "-pedantic", "-Wno-gnu", "-Wno-error", "-pedantic-errors", "-Werror=pointer-sign",
                "x.c");
        assertEquals(List.of(), p.errors());
        assertEquals(List.of("-Werror", "-pedantic", "-Wno-gnu", "-Wno-error", "-pedantic-errors",
                "-Werror=pointer-sign"), o.warningFlags);
        assertFalse(o.warningsAsErrors, "-Wno-error after -Werror");
    }

    @Test
    void cpuNamesAndSeparateTargetForm() {
        OptionParser p = new OptionParser();
        Options o = parse(p, "-target", "bpf", "-mcpu=generic", "-S", "a.c", "b.c");
        assertEquals(List.of(), p.errors());
        assertEquals(1, o.cpuVersion);
        assertEquals(Options.Action.ASSEMBLY, o.action);
        assertEquals(2, o.inputs.size());
        assertEquals(4, parse(new OptionParser(), "-mcpu=v4").cpuVersion);
        OptionParser bad = new OptionParser();
        parse(bad, "-mcpu=v9", "--target=x86_64");
        assertEquals(2, bad.errors().size());
    }

    @Test
    void loopLoweringModes() {
        OptionParser p = new OptionParser();
        assertEquals(dev.jbpfc.ir.pass.LoopLowering.Mode.AUTO, parse(p, "a.c").loopLowering);
        assertEquals(dev.jbpfc.ir.pass.LoopLowering.Mode.PLAIN, parse(p, "-floop-lowering=plain", "a.c").loopLowering);
        assertEquals(dev.jbpfc.ir.pass.LoopLowering.Mode.ITERATOR, parse(p, "-floop-lowering=iterator", "a.c").loopLowering);
        assertEquals(dev.jbpfc.ir.pass.LoopLowering.Mode.UNROLL, parse(p, "-floop-lowering=unroll", "a.c").loopLowering);
        assertEquals(dev.jbpfc.ir.pass.LoopLowering.Mode.BPF_LOOP, parse(p, "-floop-lowering=bpf-loop", "a.c").loopLowering);
        assertTrue(parse(p, "a.c").bpfIterators);
        assertFalse(parse(p, "-fno-bpf-iterators", "a.c").bpfIterators);
        assertTrue(parse(p, "-fno-bpf-iterators", "-fbpf-iterators", "a.c").bpfIterators);
        assertTrue(parse(p, "-Rpass-missed=loop-lowering", "a.c").remarkMissedLoopLowering);
        assertTrue(parse(p, "-Rpass=loop-unroll", "a.c").remarkLoopUnroll);
        assertFalse(parse(p, "-Rpass=loop-unroll", "a.c").remarkMissedLoopUnroll);
        assertTrue(parse(p, "-Rpass-missed=loop-unroll", "a.c").remarkMissedLoopUnroll);
        assertEquals(List.of(), p.errors());
        OptionParser bad = new OptionParser();
        parse(bad, "-floop-lowering=fast", "a.c");
        assertEquals(1, bad.errors().size());
    }

    @Test
    void missingValueIsReported() {
        OptionParser p = new OptionParser();
        parse(p, "a.c", "-o");
        assertEquals(List.of("argument to '-o' is missing (expected 1 value)"), p.errors());
    }

    @Test
    void joinedValues() {
        OptionParser p = new OptionParser();
        Options o = parse(p, "-UFOO", "-DBAR=2", "-ferror-limit=3", "-std=gnu11", "--out-dir=/tmp/x", "-Werror",
                "-fsyntax-only", "a.c");
        assertEquals(List.of(), p.errors());
        assertEquals(3, o.errorLimit);
        assertEquals("gnu11", o.std);
        assertEquals(Path.of("/tmp/x"), o.outDir);
        assertTrue(o.warningsAsErrors);
        assertEquals(Options.Action.SYNTAX_ONLY, o.action);
        assertEquals(new Options.MacroOption(false, "FOO"), o.macros.get(0));
    }
}
