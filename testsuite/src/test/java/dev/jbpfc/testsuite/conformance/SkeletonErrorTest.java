package dev.jbpfc.testsuite.conformance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the report says of an object {@code bpftool gen skeleton} refuses: bpftool's error line and the last line
 * libbpf printed before it (which names the map, program or relocation), the "skipping" notes left out.
 */
class SkeletonErrorTest {
    @Test
    void bpftoolsLineComesWithLibbpfsReason() {
        String stderr = """
                libbpf: elf: skipping unrecognized data section(8) .addr_space.1
                libbpf: map 'arena': attr 'map_extra': expected PTR, got enum64.
                Error: failed to open BPF object file: Invalid argument
                """;
        assertEquals("Error: failed to open BPF object file: Invalid argument (libbpf: map 'arena': attr "
                + "'map_extra': expected PTR, got enum64.)", SkeletonCheck.error(stderr, 255));
    }

    @Test
    void withoutALibbpfLineOnlyBpftoolsIsGiven() {
        assertEquals("Error: failed to open BPF object file: Invalid argument", SkeletonCheck.error(
                "libbpf: elf: skipping section(7) .bss.MASK (size 8)\nError: failed to open BPF object file: "
                        + "Invalid argument\n", 255));
        assertEquals("exit 3", SkeletonCheck.error("", 3));
    }
}
