package dev.jbpfc.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assembly inputs: {@code -S} then {@code -c} of the {@code .s} gives the object {@code -c} of the C file gives,
 * byte for byte, for every language-coverage program (code, data, .bss/.rodata, maps, calls across sections,
 * relocations of statics through their section symbol); {@code .S} is preprocessed first; {@code -x} overrides
 * the suffix; with -g the text carries .BTF and .BTF.ext (func_info, line_info, CO-RE records) and their
 * relocations; a text marked as leaving something out makes assembling fail with an error that names it instead
 * of writing an object without it.
 */
class AssemblyInputTest {
    private static final Path PROGRAMS = Path.of("src/test/resources/programs");
    private static final Path OUT = Path.of("target/asm-input").toAbsolutePath();
    private static final List<String> FLAGS = List.of("-O2", "--target=bpf", "-mcpu=v3", "-idirafter",
            "/usr/include/x86_64-linux-gnu");

    private static List<String> with(List<String> flags, String... more) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(List.of(more));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> assemblyOfEveryProgramGivesTheSameObject() throws IOException {
        Files.createDirectories(OUT);
        List<Path> files;
        try (Stream<Path> s = Files.list(PROGRAMS)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(files.size() >= 60);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString().replace(".c", "");
            Path s = OUT.resolve(name + ".s"), fromC = OUT.resolve(name + ".c.o"), fromS = OUT.resolve(name + ".s.o");
            List<String> flags = new ArrayList<>(FLAGS);
            flags.add("-g"); // as the programs are built: .BTF/.BTF.ext (func_info, line_info, CO-RE) go through too
            if (Files.readString(f).contains("RUN-FLAGS: -O2 -g --target=bpf -mcpu=v4")) flags.add("-mcpu=v4");
            InProcessJbpfc r = InProcessJbpfc.run(with(flags, "-S", f.toString(), "-o", s.toString()));
            assertEquals(0, r.status(), r.stderr());
            r = InProcessJbpfc.run(with(flags, "-c", f.toString(), "-o", fromC.toString()));
            assertEquals(0, r.status(), r.stderr());
            r = InProcessJbpfc.run("--target=bpf", "-c", s.toString(), "-o", fromS.toString());
            assertEquals(0, r.status(), r.stderr());
            assertArrayEquals(Files.readAllBytes(fromC), Files.readAllBytes(fromS), name + ": -c of the .s");
        }));
    }

    /** asm/*.c: what the programs do not have (externs, odd section names, data relocations out of order). */
    @TestFactory
    Stream<DynamicTest> moreRoundTrips() throws IOException {
        Files.createDirectories(OUT);
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/asm"))) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        return files.stream().flatMap(src -> Stream.of("", "-g").map(g -> DynamicTest.dynamicTest(
                src.getFileName() + " " + g, () -> {
            String name = src.getFileName().toString().replace(".c", "") + g;
            Path s = OUT.resolve(name + ".s"), fromC = OUT.resolve(name + ".c.o"), fromS = OUT.resolve(name + ".s.o");
            List<String> flags = new ArrayList<>(FLAGS);
            if (!g.isEmpty()) flags.add(g);
            assertEquals(0, InProcessJbpfc.run(with(flags, "-S", src.toString(), "-o", s.toString())).status());
            assertEquals(0, InProcessJbpfc.run(with(flags, "-c", src.toString(), "-o", fromC.toString())).status());
            InProcessJbpfc r = InProcessJbpfc.run("--target=bpf", "-c", s.toString(), "-o", fromS.toString());
            assertEquals(0, r.status(), r.stderr());
            assertArrayEquals(Files.readAllBytes(fromC), Files.readAllBytes(fromS));
        })));
    }

    @Test
    void dotCapitalSIsPreprocessedThenAssembled() throws IOException {
        Files.createDirectories(OUT);
        Path src = Path.of("src/test/resources/asm/macro.S");
        InProcessJbpfc r = InProcessJbpfc.run("--target=bpf", "-E", src.toString());
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().contains("r0 = 2"), r.stdout());
        Path obj = OUT.resolve("macro.o");
        r = InProcessJbpfc.run("--target=bpf", "-c", src.toString(), "-o", obj.toString());
        assertEquals(0, r.status(), r.stderr());
        assertTrue(Files.size(obj) > 0);
    }

    @Test
    void xOverridesTheSuffix() throws IOException {
        Files.createDirectories(OUT);
        Path asm = OUT.resolve("prog.txt");
        Files.writeString(asm, "\t.section\txdp,\"ax\",@progbits\n\t.globl\tprog\n\t.type\tprog,@function\nprog:\n"
                + "\tr0 = 2\n\texit\n.Lfunc_end0:\n\t.size\tprog, .Lfunc_end0-prog\n");
        InProcessJbpfc r = InProcessJbpfc.run("--target=bpf", "-c", "-x", "assembler", asm.toString(), "-o", OUT.resolve("x.o").toString());
        assertEquals(0, r.status(), r.stderr());
        // The same text read as C is a syntax error, as it would be for clang.
        r = InProcessJbpfc.run("--target=bpf", "-c", "-x", "c", asm.toString(), "-o", OUT.resolve("y.o").toString());
        assertEquals(1, r.status());
        Path c = OUT.resolve("c_as.s");
        Files.writeString(c, "int prog(void) { return 2; }\n");
        r = InProcessJbpfc.run("--target=bpf", "-c", "-x", "c", c.toString(), "-o", OUT.resolve("z.o").toString());
        assertEquals(0, r.status(), r.stderr());
    }

    /** -S with -g ends with .BTF and .BTF.ext as bytes and .reloc lines; without -g there are none. */
    @Test
    void minusGPrintsTheBtfSections() throws IOException {
        Files.createDirectories(OUT);
        Path src = PROGRAMS.resolve("map_array.c");
        Path s = OUT.resolve("map_array.g.s");
        InProcessJbpfc r = InProcessJbpfc.run(with(FLAGS, "-g", "-S", src.toString(), "-o", s.toString()));
        assertEquals(0, r.status(), r.stderr());
        String text = Files.readString(s);
        assertTrue(text.contains("\t.section\t.BTF,\"\",@progbits\n\t.byte\t159,235,1,0,"), "the .BTF magic");
        assertTrue(text.contains("\t.section\t.BTF.ext,\"\",@progbits\n"));
        assertTrue(text.contains("\t.long\t.Lsec_begin0+"), "the .BTF.ext relocations");
        r = InProcessJbpfc.run(with(FLAGS, "-S", src.toString(), "-o", "-"));
        assertTrue(!r.stdout().contains(".BTF"), r.stdout());
    }

    /** clang-22's assembler reads the -g text too (.BTF.ext's code offsets are .long of section start labels). */
    @Test
    void clangAssemblesTheMinusGText() throws IOException {
        String clang = dev.jbpfc.testsuite.oracle.OracleRequirement.clang().executable();
        Files.createDirectories(OUT);
        Path src = PROGRAMS.resolve("map_array.c");
        Path s = OUT.resolve("map_array.clang.s");
        assertEquals(0, InProcessJbpfc.run(with(FLAGS, "-g", "-S", src.toString(), "-o", s.toString())).status());
        dev.jbpfc.testsuite.oracle.CommandResult r = dev.jbpfc.testsuite.oracle.Command.run(List.of(clang,
                "--target=bpf", "-c", s.toString(), "-o", OUT.resolve("map_array.clang.o").toString()), null,
                java.time.Duration.ofSeconds(120));
        assertEquals(0, r.exitCode(), r.stderr());
    }

    /** A text that says it leaves part of the object out is refused, and no object is written. */
    @Test
    void whatTheTextDoesNotHoldIsRefused() throws IOException {
        Files.createDirectories(OUT);
        Path s = OUT.resolve("partial.s");
        Files.writeString(s, "\t.text\n# jbpfc: not printed: CO-RE relocations\n\t.section\txdp,\"ax\",@progbits\n"
                + "prog:\n\tr0 = 0\n\texit\n");
        InProcessJbpfc r = InProcessJbpfc.run("--target=bpf", "-c", s.toString(), "-o", OUT.resolve("partial.o").toString());
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("partial.s:2:1: error: this assembly does not hold the whole object "
                + "(CO-RE relocations)"), r.stderr());
        assertTrue(!Files.exists(OUT.resolve("partial.o")), "no object written");
    }

    @Test
    void unknownDirectiveIsAnError() throws IOException {
        Files.createDirectories(OUT);
        Path asm = OUT.resolve("rept.s");
        Files.writeString(asm, "\t.section\txdp,\"ax\",@progbits\nprog:\n\t.rept 2\n\tr0 = 0\n\t.endr\n\texit\n");
        InProcessJbpfc r = InProcessJbpfc.run("--target=bpf", "-c", asm.toString(), "-o", OUT.resolve("rept.o").toString());
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("rept.s:3:1: error: directive '.rept' is not one jbpfc -S prints"), r.stderr());
    }
}
