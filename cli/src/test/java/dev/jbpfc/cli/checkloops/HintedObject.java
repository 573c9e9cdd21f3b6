package dev.jbpfc.cli.checkloops;

import dev.jbpfc.backend.elf.ElfObjectWriter;
import dev.jbpfc.backend.elf.ObjectFile;
import dev.jbpfc.backend.elf.ObjectSection;
import dev.jbpfc.backend.elf.ObjectSymbol;
import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.btf.BtfType.Param;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A hand-built XDP object whose one loop carries a hint, made with the backend's ELF writer and btf-emit's
 * builder (no compiler involved), so the checker's plumbing and the hint's way through bpftool and the kernel can
 * be tested before the compiler emits hints:
 * <pre>
 *   0: r0 = 0
 *   1: r1 = 0                 ; preheader: iv = r1, init 0
 *   2: r0 += 1                ; start: the body
 *   3: r1 += 1                ; latch
 *   4: if r1 < 10 goto 2      ; end: the back edge
 *   5: r0 &amp;= 3              ; 10 &amp; 3 = 2 = XDP_PASS
 *   6: exit
 * </pre>
 */
final class HintedObject {
    static final String HINT = "jbpfc.loop/1:counted-up:start=2,end=4,iv=r1,width=64,signed=u,cmp=lt,step=1,limit=10,init=0,trips=10";
    static final byte[] CODE = insns(0xb7, 0x00, 0, 0, 0xb7, 0x01, 0, 0, 0x07, 0x00, 0, 1, 0x07, 0x01, 0, 1,
            0xa5, 0x01, -3, 10, 0x57, 0x00, 0, 3, 0x95, 0, 0, 0);

    private HintedObject() {}

    /** The object with the given DECL_TAG values on {@code prog}'s FUNC (none: clang's way, no hints). */
    static byte[] build(List<String> tags) {
        ObjectFile object = new ObjectFile("hinted.c");
        ObjectSection xdp = object.section("xdp", ObjectSection.Kind.CODE);
        xdp.append(CODE, 8);
        object.define("prog", xdp, 0, CODE.length, ObjectSymbol.Type.FUNC, ObjectSymbol.Binding.GLOBAL);
        ObjectSection license = object.section("license", ObjectSection.Kind.DATA);
        license.append("GPL\0".getBytes(), 1);
        object.define("LICENSE", license, 0, 4, ObjectSymbol.Type.OBJECT, ObjectSymbol.Binding.GLOBAL);
        BtfBuilder btf = new BtfBuilder();
        int i = btf.addInt("int", 4, true, false, false);
        int ctx = btf.addPointer(btf.declareStruct("xdp_md"));
        int func = btf.addFunc("prog", btf.addFuncProto(i, List.of(new Param("ctx", ctx)), false), FuncLinkage.GLOBAL);
        for (String t : tags) btf.addDeclTag(t, func, -1);
        object.section(".BTF", ObjectSection.Kind.METADATA).append(btf.encode(), 4);
        return ElfObjectWriter.write(object);
    }

    static byte[] insns(long... fields) {
        ByteBuffer b = ByteBuffer.allocate(fields.length / 4 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < fields.length; k += 4) {
            b.put((byte) fields[k]).put((byte) fields[k + 1]).putShort((short) fields[k + 2]).putInt((int) fields[k + 3]);
        }
        return b.array();
    }
}
