package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.sema.FunctionSymbol;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.PointerType;
import dev.jbpfc.frontend.types.VoidType;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.List;

/**
 * The LLVM intrinsics libbpf's bpf_legacy.h declares by asm label, which load from a socket buffer with the
 * classic packet-access instructions (LD_ABS with a constant offset, LD_IND with a register; the kernel reads
 * the skb from r6, returns the value in r0 in host byte order and clobbers r1-r5):
 * <pre>
 *   unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");
 *   load_word(skb, 0)     ->   r6 = skb ; r0 = *(u32 *)skb[0] ; result = r0
 *   load_half(skb, n)     ->   r6 = skb ; r0 = *(u16 *)skb[rN] ; result = r0
 * </pre>
 * Lowered to inline asm with r0-r6 clobbered, so register allocation keeps its values out of them.
 */
final class LegacyPacketLoads {
    private static final String PREFIX = "llvm.bpf.load.";

    private LegacyPacketLoads() {}

    /** Whether calls of {@code f} are one of these intrinsics. */
    static boolean isIntrinsic(FunctionSymbol f) {
        return f.asmLabel() != null && f.asmLabel().startsWith(PREFIX);
    }

    static Value lower(ExprLowering x, Expr.Call e, FunctionSymbol f) {
        String width = switch (f.asmLabel().substring(PREFIX.length())) {
            case "byte" -> "u8";
            case "half" -> "u16";
            case "word" -> "u32";
            default -> throw new CompileError(e.loc(), "intrinsic '" + f.asmLabel() + "' is not supported");
        };
        if (e.args.size() != 2) throw new CompileError(e.loc(), "'" + f.name() + "' takes the skb and an offset");
        Value skb = x.rvalueAs(e.args.get(0), PointerType.to(VoidType.VOID));
        Value off = x.rvalueAs(e.args.get(1), IntegerType.ULONGLONG);
        boolean constant = off instanceof Constant c && c.value() == (int) c.value();
        String template = "r6 = %1\nr0 = *(" + width + " *)skb[%2]\n%0 = r0";
        String constraints = "=r,r," + (constant ? "i" : "r") + ",~{r0},~{r1},~{r2},~{r3},~{r4},~{r5},~{r6}";
        x.b.setLoc(x.unit.loc(e.loc()));
        return x.b.emit(Instruction.inlineAsm(Type.I64, template, constraints, List.of(skb, off)));
    }
}
