package dev.jbpfc.testsuite.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerCommandTest {
    private static final List<String> FLAGS = List.of("-O2", "--target=bpf");

    @Test
    void aBareCommandGetsFlagsSourceAndOutputAppended() {
        CompilerCommand c = new CompilerCommand("candidate", "./jbpfc -v", Path.of("."));
        assertEquals(List.of("./jbpfc", "-v", "-O2", "--target=bpf", "-c", "a.c", "-o", "a.o"),
                c.argv(Path.of("a.c"), Path.of("a.o"), FLAGS));
    }

    @Test
    void aTemplateIsUsedAsWritten() {
        CompilerCommand c = new CompilerCommand("candidate", "gcc-bpf -O2 -c {src} -o {out}", Path.of("."));
        assertEquals(List.of("gcc-bpf", "-O2", "-c", "a.c", "-o", "a.o"), c.argv(Path.of("a.c"), Path.of("a.o"), FLAGS));
    }

    @Test
    void firstErrorPrefersAnErrorLine() {
        assertEquals("x.c:3:1: error: bad", CompilerCommand.firstError("x.c:1:1: warning: meh\nx.c:3:1: error: bad\n"));
        assertEquals("Segmentation fault", CompilerCommand.firstError("\nSegmentation fault\n"));
        assertEquals("", CompilerCommand.firstError(""));
    }
}
