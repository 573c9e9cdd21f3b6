package dev.jbpfc.loophints.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.loophints.object.BpfObjectFile.FunctionSymbol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ELF reader on hand-built objects: what it reads, and that bad bytes only ever give an ObjectFormatException. */
class BpfObjectFileTest {
    /** {@code r0 = 0; r1 = 0; loop: r0 += 1; r1 += 1; if r1 < 10 goto loop; exit} */
    static final byte[] LOOP = TestElf.insns(0xb7, 0x00, 0, 0, 0xb7, 0x01, 0, 0, 0x07, 0x00, 0, 1, 0x07, 0x01, 0, 1,
            0xa5, 0x01, -3, 10, 0x95, 0, 0, 0);
    /** {@code r0 = 2; exit} */
    static final byte[] RET2 = TestElf.insns(0xb7, 0x00, 0, 2, 0x95, 0, 0, 0);

    /** An object with a program in {@code xdp}, two subprograms in {@code .text} (the second of symbol size 0), a license and a .BTF. */
    static byte[] sample() {
        TestElf elf = new TestElf();
        int text = elf.code(".text", concat(RET2, RET2, LOOP));
        int xdp = elf.code("xdp", LOOP);
        elf.section("license", TestElf.SHT_PROGBITS, TestElf.SHF_ALLOC, "GPL\0".getBytes());
        BtfBuilder btf = new BtfBuilder();
        int proto = btf.addFuncProto(btf.addInt("int", 4, true, false, false), List.of(), false);
        int prog = btf.addFunc("prog", proto, FuncLinkage.GLOBAL);
        btf.addDeclTag("jbpfc.loop/1:counted-up:start=2,end=4,iv=r1,width=64,signed=u,cmp=lt,step=1,limit=10,init=0,trips=10", prog, -1);
        elf.section(".BTF", TestElf.SHT_PROGBITS, 0, btf.encode());
        elf.func("sub", text, 0, 16, false);
        elf.func("sub0", text, 16, 0, false);
        elf.func("prog", xdp, 0, LOOP.length, true);
        return elf.build();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void readsSectionsSymbolsFunctionsAndBtf() throws Exception {
        BpfObjectFile f = BpfObjectFile.parse(sample());
        assertEquals(List.of(".text", "xdp"), f.codeSections().stream().map(BpfObjectFile.Section::name).toList());
        assertTrue(f.section("license").isPresent());
        assertFalse(f.section("license").get().executable());
        assertArrayEquals("GPL\0".getBytes(), f.contents(f.section("license").get()));
        List<FunctionSymbol> fs = f.functions();
        assertEquals(List.of("sub", "sub0", "prog"), fs.stream().map(FunctionSymbol::name).toList());
        assertEquals(List.of(false, false, true), fs.stream().map(FunctionSymbol::isProgram).toList());
        assertArrayEquals(RET2, f.code(fs.get(0)));
        // size 0: runs to the end of the section
        assertEquals(16 + LOOP.length, fs.get(1).size());
        assertArrayEquals(concat(RET2, LOOP), f.code(fs.get(1)));
        assertArrayEquals(LOOP, f.code(fs.get(2)));
        assertTrue(fs.get(2).global());
        assertTrue(f.btf().isPresent());
        assertTrue(f.btfExt().isEmpty());
        assertEquals(4, f.symbols().size()); // the null symbol and three functions
    }

    @Test
    void sizeZeroFunctionStopsAtTheNextFunction() throws Exception {
        TestElf elf = new TestElf();
        int text = elf.code(".text", concat(RET2, RET2, RET2));
        elf.func("a", text, 0, 0, false);
        elf.func("b", text, 32, 16, false);
        BpfObjectFile f = BpfObjectFile.parse(elf.build());
        assertEquals(32, f.functions().get(0).size());
        assertEquals(16, f.functions().get(1).size());
    }

    @Test
    void refusesWhatIsNotABpfObjectWithOneLine() {
        byte[] good = sample();
        assertRefused(Arrays.copyOf(good, 10), "shorter than an ELF64 header");
        assertRefused(with(good, 0, (byte) 0x7e), "bad magic");
        assertRefused(with(good, 4, (byte) 1), "not a 64-bit ELF object");
        assertRefused(with(good, 5, (byte) 2), "not a little-endian ELF object");
        assertRefused(with(good, 16, (byte) 2), "not a relocatable object");
        assertRefused(with(good, 18, (byte) 62), "not a BPF object (e_machine 62");
        assertRefused(with(good, 58, (byte) 40), "bad e_shentsize 40");
        ByteBuffer b = ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(40, 1L << 40);
        assertRefused(b.array(), "lie outside the");
        // section 1 (.text): its size made huge
        b = ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(40);
        b.putLong((int) shoff + 64 + 32, 1L << 33);
        assertRefused(b.array(), "section 1 runs past the end of the file");
        // a FUNC symbol outside its section
        TestElf elf = new TestElf();
        int text = elf.code(".text", RET2);
        elf.func("f", text, 8, 16, false);
        assertRefused(elf.build(), "function symbol 'f' (symbol 1) at offset 8 size 16 lies outside its section .text (16 bytes)");
        // a name with a newline still gives one line
        elf = new TestElf();
        text = elf.code(".text", RET2);
        elf.func("f\nat x", text, 8, 16, false);
        assertRefused(elf.build(), "function symbol 'f?at x'");
        // not BPF
        elf = new TestElf();
        elf.machine = 62;
        assertRefused(elf.build(), "not a BPF object");
    }

    @Test
    void malformedBtfIsAnObjectFormatError() {
        TestElf elf = new TestElf();
        elf.code("xdp", RET2);
        elf.section(".BTF", TestElf.SHT_PROGBITS, 0, new byte[] {(byte) 0x9f, (byte) 0xeb, 1, 0, 24, 0, 0, 0});
        assertRefused(elf.build(), "malformed .BTF:");
    }

    /** Every strict prefix of an object is refused cleanly (its section headers are at its end). */
    @Test
    void everyPrefixIsRefusedCleanly() {
        byte[] good = sample();
        for (int n = 0; n < good.length; n++) {
            try {
                BpfObjectFile.parse(Arrays.copyOf(good, n));
                fail("prefix of " + n + " bytes parsed");
            } catch (ObjectFormatException e) {
                assertOneLine(e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError("prefix of " + n + " bytes: " + e, e);
            }
        }
    }

    /** Random byte flips (seeded): the reader and the function extraction either succeed or say why in one line. */
    @Test
    void randomByteFlipsNeverCrash() {
        fuzz(sample(), 20_000, 11);
    }

    /**
     * Flips aimed at what the reader interprets (the ELF header, the section headers, the symbol table and string
     * tables, .BTF): random flips mostly land in instruction bytes, which the reader only copies.
     */
    @Test
    void flipsInTheMetadataNeverCrash() throws Exception {
        byte[] good = sample();
        BpfObjectFile f = BpfObjectFile.parse(good);
        java.util.List<int[]> regions = new java.util.ArrayList<>();
        regions.add(new int[] {0, 64});
        long shoff = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(40);
        regions.add(new int[] {(int) shoff, good.length});
        for (BpfObjectFile.Section s : f.sections())
            if (!s.executable() && s.size() > 0) regions.add(new int[] {(int) s.offset(), (int) (s.offset() + s.size())});
        Random r = new Random(33);
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = good.clone();
            for (int k = r.nextInt(3); k >= 0; k--) {
                int[] reg = regions.get(r.nextInt(regions.size()));
                int at = reg[0] + r.nextInt(reg[1] - reg[0]);
                bad[at] = switch (r.nextInt(4)) {
                    case 0 -> (byte) 0xff;
                    case 1 -> 0;
                    case 2 -> (byte) (bad[at] ^ (1 << r.nextInt(8)));
                    default -> (byte) r.nextInt(256);
                };
            }
            try {
                BpfObjectFunctions.of(BpfObjectFile.parse(bad));
            } catch (ObjectFormatException e) {
                assertOneLine(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("round " + i + ": " + e, e);
            }
        }
    }

    /** Mutates {@code good} {@code rounds} times (1 to 4 random bytes each) and checks the reader never crashes. */
    static int fuzz(byte[] good, int rounds, long seed) {
        Random r = new Random(seed);
        int parsed = 0;
        for (int i = 0; i < rounds; i++) {
            byte[] bad = good.clone();
            int flips = 1 + r.nextInt(4);
            StringBuilder what = new StringBuilder();
            for (int k = 0; k < flips; k++) {
                int at = r.nextInt(bad.length);
                byte v = r.nextInt(3) == 0 ? (byte) 0xff : (byte) r.nextInt(256);
                bad[at] = v;
                what.append(at).append('=').append(v & 0xff).append(' ');
            }
            try {
                BpfObjectFile f = BpfObjectFile.parse(bad);
                BpfObjectFunctions.of(f);
                parsed++;
            } catch (ObjectFormatException e) {
                assertOneLine(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + " round " + i + " (" + what + "): " + e, e);
            }
        }
        return parsed;
    }

    static void assertRefused(byte[] bytes, String expected) {
        ObjectFormatException e = assertThrows(ObjectFormatException.class, () -> BpfObjectFile.parse(bytes));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
        assertOneLine(e.getMessage());
    }

    static void assertOneLine(String m) {
        assertTrue(m != null && !m.isBlank() && !m.contains("\n"), "not a one-line message: " + m);
    }

    private static byte[] with(byte[] b, int at, byte v) {
        byte[] c = b.clone();
        c[at] = v;
        return c;
    }
}
