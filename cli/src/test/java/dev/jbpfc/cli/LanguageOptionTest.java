package dev.jbpfc.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** -x sets the language of the inputs after it (until -x none); without it the suffix decides, as in clang. */
class LanguageOptionTest {
    @Test
    void suffixDecidesWithoutX() {
        Options o = new OptionParser().parse(new String[] {"a.c", "b.s", "c.S", "d.bpf.c", "e"});
        assertEquals("c", o.languageOf(Path.of("a.c")));
        assertEquals("assembler", o.languageOf(Path.of("b.s")));
        assertEquals("assembler-with-cpp", o.languageOf(Path.of("c.S")));
        assertEquals("c", o.languageOf(Path.of("d.bpf.c")));
        assertEquals("c", o.languageOf(Path.of("e")));
    }

    @Test
    void xAppliesToTheInputsAfterIt() {
        OptionParser p = new OptionParser();
        Options o = p.parse(new String[] {"a.s", "-x", "c", "b.s", "-xassembler", "c.c", "-x", "assembler-with-cpp",
                "d.txt", "-x", "none", "e.s"});
        assertEquals(List.of(), p.errors());
        assertEquals("assembler", o.languageOf(Path.of("a.s")));
        assertEquals("c", o.languageOf(Path.of("b.s")));
        assertEquals("assembler", o.languageOf(Path.of("c.c")));
        assertEquals("assembler-with-cpp", o.languageOf(Path.of("d.txt")));
        assertEquals("assembler", o.languageOf(Path.of("e.s")));
    }

    @Test
    void unknownLanguageIsClangsError() {
        OptionParser p = new OptionParser();
        p.parse(new String[] {"-x", "fortran", "a.f"});
        assertEquals(List.of("language not recognized: 'fortran'"), p.errors());
    }
}
