package dev.jbpfc.isa;

import dev.jbpfc.diag.CompileError;

/**
 * The {@code -mcpu} levels of clang's BPF target. Each level is a promise about which instructions the generated
 * code may use; the kernel that loads the object must be at least that new.
 * <ul>
 *   <li>v1: the original ISA (64-bit jumps with only the "greater" comparisons).</li>
 *   <li>v2: adds the "less than" jumps ({@code <}, {@code <=}, {@code s<}, {@code s<=}).</li>
 *   <li>v3: 32-bit subregisters ({@code w0..w10}) in ALU code, 32-bit jumps (JMP32), fetching atomics.</li>
 *   <li>v4: sign-extending loads and moves, {@code bswap}, {@code sdiv}/{@code smod}, {@code gotol},
 *       stores of immediates, load-acquire/store-release.</li>
 * </ul>
 */
public enum CpuVersion {
    V1, V2, V3, V4;

    public boolean atLeast(CpuVersion other) { return compareTo(other) >= 0; }

    /** True when code may compute in 32-bit subregisters and compare with JMP32 (clang's "alu32"). */
    public boolean hasAlu32() { return atLeast(V3); }

    /** Parses the value of {@code -mcpu=}: v1..v4, plus clang's aliases "generic" (v1) and "probe"/"" (v3). */
    public static CpuVersion parse(String text) {
        switch (text) {
            case "v1": case "generic": return V1;
            case "v2": return V2;
            case "v3": case "probe": return V3;
            case "v4": return V4;
            default:
                throw new CompileError(null, "unknown target CPU '" + text + "' (expected v1, v2, v3, v4 or generic)");
        }
    }

    public String spelling() { return "v" + (ordinal() + 1); }
}
