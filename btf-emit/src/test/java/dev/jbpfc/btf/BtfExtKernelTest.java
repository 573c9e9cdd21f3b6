package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.*;

import dev.jbpfc.btf.BtfExt.*;
import dev.jbpfc.btf.BtfType.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier as the oracle for func_info and line_info: a two-function socket filter is loaded with the BTF and
 * the records our .BTF.ext encodes (read back from the bytes, then turned into the kernel's format the way libbpf
 * does: insn_off / 8, string offsets into the same .BTF). The verifier checks that func_info matches the
 * subprogram boundaries and names FUNCs, that line_info covers each function's first instruction in order, and
 * prints our source lines in its log.
 *
 * <pre>
 *   int prog(void *ctx) { return sub(); }   // 0: call pc+1   1: exit
 *   static int sub(void) { return 0; }     // 2: r0 = 0      3: exit
 * </pre>
 */
class BtfExtKernelTest {
    static final String FILE = "prog.c";

    record Built(byte[] btf, Btf parsed, BtfExt ext) {}

    private static Built build(int subStart) {
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        int prog = b.addFunc("prog", b.addFuncProto(i, List.of(new Param("ctx", b.addPointer(0))), false), FuncLinkage.GLOBAL);
        int sub = b.addFunc("sub", b.addFuncProto(i, List.of(), false), FuncLinkage.STATIC);
        BtfExtBuilder ext = new BtfExtBuilder(b);
        ext.addFuncInfo("socket", 0, prog);
        ext.addFuncInfo("socket", subStart * 8, sub);
        ext.addLineInfo("socket", 0, FILE, "int prog(void *ctx) { return sub(); }", 1, 23);
        ext.addLineInfo("socket", 8, FILE, "int prog(void *ctx) { return sub(); } /* exit */", 1, 23);
        ext.addLineInfo("socket", 16, FILE, "static int sub(void) { return 0; }", 2, 24);
        ext.addLineInfo("socket", 24, FILE, "static int sub(void) { return 0; } /* exit */", 2, 24);
        byte[] extBytes = ext.encode().bytes();
        byte[] btf = b.encode();
        Btf parsed = BtfReader.read(btf);
        return new Built(btf, parsed, BtfExtReader.read(extBytes, parsed));
    }

    private static byte[] insns() {
        ByteBuffer w = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        w.put((byte) 0x85).put((byte) 0x10).putShort((short) 0).putInt(1);  // call pc+1 (src_reg 1: BPF_PSEUDO_CALL)
        w.put((byte) 0x95).put((byte) 0).putShort((short) 0).putInt(0);     // exit
        w.put((byte) 0xb7).put((byte) 0).putShort((short) 0).putInt(0);     // r0 = 0
        w.put((byte) 0x95).put((byte) 0).putShort((short) 0).putInt(0);     // exit
        return w.array();
    }

    /** Kernel-format bpf_func_info array (insn_off counted in instructions). */
    private static byte[] funcInfo(List<FuncInfo> fis) {
        ByteBuffer w = ByteBuffer.allocate(8 * fis.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (FuncInfo f : fis) w.putInt(f.insnOff() / 8).putInt(f.typeId());
        return w.array();
    }

    /** Kernel-format bpf_line_info array; strings resolved back to offsets in the .BTF that was loaded. */
    private static byte[] lineInfo(List<LineInfo> lis, Btf btf) {
        BtfStrings s = BtfStrings.wrap(btf.strings());
        ByteBuffer w = ByteBuffer.allocate(16 * lis.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (LineInfo l : lis) w.putInt(l.insnOff() / 8).putInt(s.find(l.fileName())).putInt(s.find(l.lineText())).putInt(l.line() << 10 | l.column());
        return w.array();
    }

    @Test
    void verifierAcceptsOurFuncAndLineInfo() throws Exception {
        Built b = build(2);
        assertEquals(2, b.ext().funcInfos().size());
        Oracle.Result r = Oracle.loadProg(b.btf(), insns(), funcInfo(b.ext().funcInfos()), lineInfo(b.ext().lineInfos(), b.parsed()));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("; static int sub(void) { return 0; } @ " + FILE + ":2"), "source line in the verifier log:\n" + r.out());
        assertTrue(r.out().contains("; int prog(void *ctx) { return sub(); } @ " + FILE + ":1"), r.out());
    }

    /** The oracle can fail: func_info off the real subprogram boundary, and line_info out of order, are refused. */
    @Test
    void verifierRefusesWrongRecords() throws Exception {
        Built wrongBoundary = build(3);
        Oracle.Result r = Oracle.loadProg(wrongBoundary.btf(), insns(), funcInfo(wrongBoundary.ext().funcInfos()),
                lineInfo(wrongBoundary.ext().lineInfos(), wrongBoundary.parsed()));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("func_info"), r.out());

        Built b = build(2);
        List<LineInfo> swapped = List.of(b.ext().lineInfos().get(1), b.ext().lineInfos().get(0), b.ext().lineInfos().get(2), b.ext().lineInfos().get(3));
        r = Oracle.loadProg(b.btf(), insns(), funcInfo(b.ext().funcInfos()), lineInfo(swapped, b.parsed()));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("line_info"), r.out());
    }
}
