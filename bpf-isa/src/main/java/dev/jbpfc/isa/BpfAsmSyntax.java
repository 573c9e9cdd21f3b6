package dev.jbpfc.isa;

/**
 * Prints instructions in clang's BPF assembly syntax by filling the placeholders of the {@link BpfOp#syntax}
 * templates. Two number styles exist because the two tools users compare against differ:
 * <pre>
 *   llvm-objdump -d:  r1 = *(u32 *)(r1 + 0x4)     if r1 > r2 goto +0x3     call 0x1
 *   clang -S:         r1 = *(u32 *)(r1 + 4)       if r1 > r2 goto LBB0_2   call bpf_func
 * </pre>
 * With {@code alu32} false the forms that have a 32-bit view (narrow loads and stores) print with 64-bit
 * registers, as objdump {@code --mcpu=v1} and {@code clang -S -mcpu=v1/v2} do.
 */
public final class BpfAsmSyntax {
    /** llvm-objdump-22 -d's default spelling (without its "<func+0x10>" annotations). */
    public static final BpfAsmSyntax OBJDUMP = new BpfAsmSyntax(true, true, false);
    /** llvm-objdump-22 -d --mcpu=v1. */
    public static final BpfAsmSyntax OBJDUMP_V1 = new BpfAsmSyntax(true, false, false);
    /** clang -S at -mcpu=v3/v4: decimal numbers, labels and symbols where the instruction has one. */
    public static final BpfAsmSyntax CLANG_S = new BpfAsmSyntax(false, true, true);
    /** clang -S at -mcpu=v1/v2. */
    public static final BpfAsmSyntax CLANG_S_V1 = new BpfAsmSyntax(false, false, true);

    private final boolean hex;
    private final boolean alu32;
    private final boolean symbols;

    private BpfAsmSyntax(boolean hex, boolean alu32, boolean symbols) {
        this.hex = hex;
        this.alu32 = alu32;
        this.symbols = symbols;
    }

    public static BpfAsmSyntax clangS(CpuVersion cpu) { return cpu.hasAlu32() ? CLANG_S : CLANG_S_V1; }

    public String format(BpfInsn insn) {
        String template = alu32 ? insn.op.syntax : insn.op.syntax64;
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            String hole = template.substring(i + 1, close);
            out.append(fill(hole, insn));
            i = close + 1;
        }
        return out.toString();
    }

    private String fill(String hole, BpfInsn insn) {
        switch (hole) {
            case "rd": return "r" + insn.dst;
            case "wd": return "w" + insn.dst;
            case "rs": return "r" + insn.src;
            case "ws": return "w" + insn.src;
            case "imm": return number(insn.imm);
            case "imm64": return insn.symbol != null && symbols ? insn.symbol : number(insn.imm64);
            case "moff": return (insn.off < 0 ? " - " : " + ") + unsigned(Math.abs((long) insn.off));
            case "off": return jump(insn.off, insn.symbol);
            case "jimm": return jump(insn.imm, insn.symbol);
            case "call": return insn.symbol != null && symbols ? insn.symbol : number(insn.imm);
            case "ash": return number((insn.imm >>> 16) & 0xffff);
            case "asl": return number(insn.imm & 0xffff);
            default: throw new IllegalStateException("unknown placeholder {" + hole + "} in " + insn.op);
        }
    }

    private String jump(long distance, String label) {
        if (label != null && symbols) return label;
        return (distance < 0 ? "-" : "+") + unsigned(Math.abs(distance));
    }

    private String number(long value) {
        if (value < 0) return "-" + unsigned(-value);
        return unsigned(value);
    }

    private String unsigned(long magnitude) {
        if (magnitude == Long.MIN_VALUE) return hex ? "0x8000000000000000" : "9223372036854775808";
        return hex ? "0x" + Long.toHexString(magnitude) : Long.toString(magnitude);
    }
}
