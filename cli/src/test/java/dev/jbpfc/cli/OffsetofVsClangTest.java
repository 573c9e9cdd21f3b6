package dev.jbpfc.cli;

import dev.jbpfc.isa.BpfDisassembler;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.loophints.object.BpfObjectFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * offsetof written as {@code (unsigned long)&((T *)0)->m}, {@code (char *)&((T *)0)->m - (char *)0} and in
 * container_of ({@code offsetof/offsetof_forms.c}) compiles to clang-22's instructions: the member's offset as one
 * immediate, or clang's CO-RE relocation (with the constant rest added once) for a {@code preserve_access_index}
 * record and inside {@code __builtin_preserve_access_index}; the integer constant expressions built from them give
 * clang's data. Functions whose remaining difference is not offsetof's (register choice in container_of, a constant
 * on the left of an add, switch lowering) are compared by their relocations and instruction count only.
 */
class OffsetofVsClangTest {
    private static final Path SOURCE = Path.of("src/test/resources/offsetof/offsetof_forms.c");
    private static final Path OUT = Path.of("target/offsetof-vs-clang").toAbsolutePath();
    private static final List<String> FLAGS = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3");
    /** Functions that are the offset computation alone: the same instructions as clang-22's, one for one. */
    private static final List<String> SAME_INSTRUCTIONS = List.of("cast_member", "cast_path", "pointer_difference",
            "narrowed", "relocated_member", "relocated_path", "relocated_difference", "builtin_preserved",
            "arena_member");
    /** Functions that must have clang-22's instruction count (at most) around the folded offset. */
    private static final List<String> NO_LONGER = List.of("container", "relocated_container");

    @Test
    void offsetsAreClangsInstructionsAndRelocations() throws Exception {
        Path clang = ClangObject.of(SOURCE.toAbsolutePath(), FLAGS);
        Path ours = InProcessJbpfc.compile(FLAGS, SOURCE.toAbsolutePath(), OUT.resolve("offsetof_forms.o"));

        Map<String, List<String>> theirs = instructions(BpfObjectFile.read(clang));
        Map<String, List<String>> mine = instructions(BpfObjectFile.read(ours));
        // clang's own object, read by the same code: the immediates the forms must fold to.
        assertEquals(List.of("r0 = 0x1c", "exit"), theirs.get("cast_member"), "clang-22's cast_member");
        assertEquals(theirs.keySet(), mine.keySet(), "functions");
        for (String f : SAME_INSTRUCTIONS) assertEquals(theirs.get(f), mine.get(f), f + ": clang-22 vs jbpfc");
        for (String f : NO_LONGER) {
            assertTrue(mine.get(f).size() <= theirs.get(f).size(),
                    f + ": jbpfc " + mine.get(f) + ", clang-22 " + theirs.get(f));
        }
        assertEquals(CoreRelocationsVsClangTest.relocationsByFunction(clang),
                CoreRelocationsVsClangTest.relocationsByFunction(ours), "CO-RE relocations per function");
        assertEquals(dataSection(clang), dataSection(ours), ".data (offset_global, difference_global)");
    }

    /** Each function's instructions as llvm-objdump spells them. */
    private static Map<String, List<String>> instructions(BpfObjectFile o) {
        Map<String, List<String>> out = new TreeMap<>();
        for (BpfObjectFile.FunctionSymbol f : o.functions()) {
            List<String> insns = new ArrayList<>();
            for (BpfInsn i : BpfDisassembler.disassemble(o.code(f))) insns.add(i.toString());
            out.put(f.name(), insns);
        }
        return out;
    }

    private static String dataSection(Path object) throws Exception {
        BpfObjectFile o = BpfObjectFile.read(object);
        BpfObjectFile.Section data = o.section(".data").orElseThrow(() -> new AssertionError(object + " has no .data"));
        return Arrays.toString(o.contents(data));
    }
}
