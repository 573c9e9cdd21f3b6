package dev.jbpfc.testsuite.interp;

/**
 * Runs BPF instructions (the v1-v4 ISA of {@code Documentation/bpf/standardization/instruction-set.rst}, RFC 9669)
 * over a {@link Memory}, one slot at a time, with the ISA's arithmetic: 32-bit results zero-extended, division by
 * zero giving 0 and modulo by zero leaving the dividend, shift counts masked to the width, {@code sdiv}/{@code smod}
 * truncating, {@code movsx}, byte swaps, JMP32 comparing the low halves, atomics with and without fetch,
 * {@code xchg}, {@code cmpxchg} (against r0), BPF-to-BPF calls that get a fresh 512-byte frame and give the caller
 * back r6-r9 and r10 on return (at most 8 frames).
 *
 * <p>Example: for the slots {@code b7 00 00 00 03 00 00 00} ({@code r0 = 3}), {@code 07 00 00 00 ff ff ff ff}
 * ({@code r0 += -1}), {@code 95 00 00 00 00 00 00 00} ({@code exit}),
 * {@code new Interpreter(Code.of(bytes), new Memory(), Helpers.NONE).run(0, new long[11])} returns 2.
 *
 * <p>Loops: every taken backward jump is counted per source slot ({@link #backEdgesTaken}) and reported to an
 * {@link Observer}; slots marked with {@link #watch} are reported before they execute (a loop's preheader, so an
 * observer can count a loop's iterations per entry). A run stops with {@link InterpException.BudgetExhausted} after
 * {@link #budget} instructions.
 *
 * <p>After a helper call r1-r5 hold a poison value (the verifier forbids reading them; a program that still does
 * sees garbage, as it would in the kernel).
 */
public final class Interpreter {
    public static final int STACK_SIZE = 512, MAX_FRAMES = 8;
    public static final long CLOBBER = 0xbad0_c10b_bad0_c10bL;

    /** Callbacks for loop accounting. */
    public interface Observer {
        /** A backward jump from slot {@code from} to slot {@code to} was taken (in frame depth {@code depth}). */
        default void backEdge(int from, int to, int depth) {}

        /** A watched slot is about to execute. */
        default void watched(int pc, long[] regs, int depth) {}
    }

    /** What a helper call can see and do: the registers (r1-r5 arguments, r0 result) and memory. */
    public interface Helpers {
        /** Returns r0; throws {@link InterpException} for a helper it does not know. */
        long call(int helper, long[] regs, Memory memory, int pc);

        Helpers NONE = (helper, regs, memory, pc) -> {
            throw new InterpException(pc, "helper " + helper + " is not available");
        };
    }

    private final Code code;
    private final Memory memory;
    private final Helpers helpers;
    private long budget = 10_000_000;
    private long executed;
    private Observer observer;
    private boolean[] watch;
    private final long[] backEdges;
    private final Memory.Region[] frames = new Memory.Region[MAX_FRAMES];

    public Interpreter(Code code, Memory memory, Helpers helpers) {
        this.code = code;
        this.memory = memory;
        this.helpers = helpers;
        this.backEdges = new long[code.length()];
    }

    public Interpreter budget(long instructions) {
        this.budget = instructions;
        return this;
    }

    public Interpreter observer(Observer o) {
        this.observer = o;
        return this;
    }

    /** Reports {@code slot} to the observer each time before it executes. */
    public Interpreter watch(int slot) {
        if (watch == null) watch = new boolean[code.length()];
        watch[slot] = true;
        return this;
    }

    public long executed() { return executed; }

    /** How often the backward jump at {@code slot} was taken, over every run of this interpreter. */
    public long backEdgesTaken(int slot) { return backEdges[slot]; }

    /** The stack frame of depth 0 (allocated by the first run): the region r10 points past. */
    public Memory.Region frame(int depth) {
        if (frames[depth] == null) frames[depth] = memory.add("stack frame " + depth, new byte[STACK_SIZE], true);
        return frames[depth];
    }

    /**
     * Runs from slot {@code entry} with the given r0-r9 (r10 is set to the top of frame 0) until the outermost
     * {@code exit}; returns r0.
     */
    public long run(int entry, long[] initial) {
        long[] r = new long[11];
        System.arraycopy(initial, 0, r, 0, Math.min(10, initial.length));
        r[10] = frame(0).end();
        int depth = 0;
        int[] retPc = new int[MAX_FRAMES];
        long[][] saved = new long[MAX_FRAMES][];
        final int[] opc = code.opcode, dsts = code.dst, srcs = code.src, offs = code.off, imms = code.imm;
        final int n = opc.length;
        final boolean[] w = watch;
        int pc = entry;
        while (true) {
            if (pc < 0 || pc >= n) throw new InterpException(pc, "jump out of the program");
            if (++executed > budget) throw new InterpException.BudgetExhausted(pc, budget);
            if (w != null && w[pc] && observer != null) observer.watched(pc, r, depth);
            final int op = opc[pc], d = dsts[pc], s = srcs[pc], off = offs[pc], imm = imms[pc];
            switch (op & 0x07) {
                case 0x07: { // ALU64
                    long b = (op & 0x08) != 0 ? r[s] : (long) imm;
                    long a = r[d];
                    r[d] = switch (op & 0xf0) {
                        case 0x00 -> a + b;
                        case 0x10 -> a - b;
                        case 0x20 -> a * b;
                        case 0x30 -> b == 0 ? 0 : off == 1 ? a / b : Long.divideUnsigned(a, b);
                        case 0x40 -> a | b;
                        case 0x50 -> a & b;
                        case 0x60 -> a << (b & 63);
                        case 0x70 -> a >>> (b & 63);
                        case 0x80 -> -a;
                        case 0x90 -> b == 0 ? a : off == 1 ? a % b : Long.remainderUnsigned(a, b);
                        case 0xa0 -> a ^ b;
                        case 0xb0 -> (op & 0x08) == 0 ? b : switch (off) {
                            case 0, 1 -> b;   // mov; addr_space_cast has no arena here: a plain move
                            case 8 -> (byte) b;
                            case 16 -> (short) b;
                            case 32 -> (int) b;
                            default -> throw new InterpException(pc, "movsx with off " + off);
                        };
                        case 0xc0 -> a >> (b & 63);
                        case 0xd0 -> switch (imm) { // bswap (ALU64 class: unconditional)
                            case 16 -> Short.reverseBytes((short) a) & 0xffffL;
                            case 32 -> Integer.reverseBytes((int) a) & 0xffffffffL;
                            case 64 -> Long.reverseBytes(a);
                            default -> throw new InterpException(pc, "bswap of width " + imm);
                        };
                        default -> throw new InterpException(pc, String.format("unknown ALU64 opcode 0x%02x", op));
                    };
                    pc++;
                    break;
                }
                case 0x04: { // ALU (32-bit)
                    if ((op & 0xf0) == 0xd0) { // le/be: the width is the imm, the result is 64-bit
                        long a = r[d];
                        boolean toBe = (op & 0x08) != 0;
                        r[d] = switch (imm) {
                            case 16 -> toBe ? Short.reverseBytes((short) a) & 0xffffL : a & 0xffffL;
                            case 32 -> toBe ? Integer.reverseBytes((int) a) & 0xffffffffL : a & 0xffffffffL;
                            case 64 -> toBe ? Long.reverseBytes(a) : a;
                            default -> throw new InterpException(pc, "byte swap of width " + imm);
                        };
                        pc++;
                        break;
                    }
                    int b = (op & 0x08) != 0 ? (int) r[s] : imm;
                    int a = (int) r[d];
                    int v = switch (op & 0xf0) {
                        case 0x00 -> a + b;
                        case 0x10 -> a - b;
                        case 0x20 -> a * b;
                        case 0x30 -> b == 0 ? 0 : off == 1 ? a / b : Integer.divideUnsigned(a, b);
                        case 0x40 -> a | b;
                        case 0x50 -> a & b;
                        case 0x60 -> a << (b & 31);
                        case 0x70 -> a >>> (b & 31);
                        case 0x80 -> -a;
                        case 0x90 -> b == 0 ? a : off == 1 ? a % b : Integer.remainderUnsigned(a, b);
                        case 0xa0 -> a ^ b;
                        case 0xb0 -> (op & 0x08) == 0 ? b : switch (off) {
                            case 0 -> b;
                            case 8 -> (byte) b;
                            case 16 -> (short) b;
                            default -> throw new InterpException(pc, "movsx32 with off " + off);
                        };
                        case 0xc0 -> a >> (b & 31);
                        default -> throw new InterpException(pc, String.format("unknown ALU opcode 0x%02x", op));
                    };
                    r[d] = v & 0xffffffffL;
                    pc++;
                    break;
                }
                case 0x05: case 0x06: { // JMP, JMP32
                    boolean wide = (op & 0x07) == 0x05;
                    int kind = op & 0xf0;
                    if (kind == 0x00) { // ja / gotol
                        if (op == 0x05) pc = jump(pc, pc + 1 + off, depth);
                        else if (op == 0x06) pc = jump(pc, pc + 1 + imm, depth);
                        else throw new InterpException(pc, String.format("unknown jump opcode 0x%02x", op));
                        break;
                    }
                    if (wide && kind == 0x80) { // call
                        if (s == 0) {
                            long r0 = helpers.call(imm, r, memory, pc);
                            r[0] = r0;
                            for (int i = 1; i <= 5; i++) r[i] = CLOBBER;
                            pc++;
                        } else if (s == 1 && code.kfunc[pc] != null) {
                            r[0] = NumberIterator.call(code.kfunc[pc], r, memory, pc);
                            for (int i = 1; i <= 5; i++) r[i] = CLOBBER;
                            pc++;
                        } else if (s == 1) {
                            if (depth + 1 >= MAX_FRAMES) throw new InterpException(pc, "more than " + MAX_FRAMES + " call frames");
                            int target = code.callTarget[pc] >= 0 ? code.callTarget[pc] : pc + 1 + imm;
                            retPc[depth] = pc + 1;
                            saved[depth] = new long[] {r[6], r[7], r[8], r[9], r[10]};
                            depth++;
                            r[10] = frame(depth).end();
                            pc = target;
                        } else {
                            throw new InterpException(pc, "call with src " + s + " (kfunc) is not supported");
                        }
                        break;
                    }
                    if (wide && kind == 0x90) { // exit
                        if (depth == 0) return r[0];
                        depth--;
                        long[] sv = saved[depth];
                        r[6] = sv[0]; r[7] = sv[1]; r[8] = sv[2]; r[9] = sv[3]; r[10] = sv[4];
                        pc = retPc[depth];
                        break;
                    }
                    boolean taken;
                    if (wide) {
                        long a = r[d], b = (op & 0x08) != 0 ? r[s] : (long) imm;
                        taken = compare(kind, a, b, pc);
                    } else {
                        long a = (int) r[d], b = (op & 0x08) != 0 ? (int) r[s] : imm;
                        // 32-bit: the signed compares see sign-extended halves, the unsigned ones zero-extended halves
                        taken = switch (kind) {
                            case 0x20, 0x30, 0xa0, 0xb0 -> compare(kind, a & 0xffffffffL, b & 0xffffffffL, pc);
                            default -> compare(kind, a, b, pc);
                        };
                    }
                    pc = taken ? jump(pc, pc + 1 + off, depth) : pc + 1;
                    break;
                }
                case 0x00: { // LD
                    if (op != 0x18) throw new InterpException(pc, String.format("legacy packet load 0x%02x is not supported", op));
                    if (pc + 1 >= n || opc[pc + 1] != 0) throw new InterpException(pc, "ld_imm64 without its second slot");
                    r[d] = code.imm64[pc];
                    pc += 2;
                    break;
                }
                case 0x01: { // LDX
                    int size = size(op);
                    long v = memory.load(r[s] + off, size, pc);
                    int mode = op & 0xe0;
                    if (mode == 0x60) r[d] = v;
                    else if (mode == 0x80) r[d] = signExtend(v, size);
                    else throw new InterpException(pc, String.format("unknown load mode in 0x%02x", op));
                    pc++;
                    break;
                }
                case 0x02: { // ST
                    if ((op & 0xe0) != 0x60) throw new InterpException(pc, String.format("unknown store mode in 0x%02x", op));
                    memory.store(r[d] + off, size(op), imm, pc);
                    pc++;
                    break;
                }
                case 0x03: { // STX
                    int mode = op & 0xe0;
                    int size = size(op);
                    if (mode == 0x60) memory.store(r[d] + off, size, r[s], pc);
                    else if (mode == 0xc0) atomic(op, size, imm, d, s, off, r, pc);
                    else throw new InterpException(pc, String.format("unknown store mode in 0x%02x", op));
                    pc++;
                    break;
                }
                default:
                    throw new InterpException(pc, String.format("unknown opcode 0x%02x", op));
            }
        }
    }

    private int jump(int from, int to, int depth) {
        if (to <= from) {
            backEdges[from]++;
            if (observer != null) observer.backEdge(from, to, depth);
        }
        return to;
    }

    private static boolean compare(int kind, long a, long b, int pc) {
        return switch (kind) {
            case 0x10 -> a == b;
            case 0x20 -> Long.compareUnsigned(a, b) > 0;
            case 0x30 -> Long.compareUnsigned(a, b) >= 0;
            case 0x40 -> (a & b) != 0;
            case 0x50 -> a != b;
            case 0x60 -> a > b;
            case 0x70 -> a >= b;
            case 0xa0 -> Long.compareUnsigned(a, b) < 0;
            case 0xb0 -> Long.compareUnsigned(a, b) <= 0;
            case 0xc0 -> a < b;
            case 0xd0 -> a <= b;
            default -> throw new InterpException(pc, String.format("unknown jump kind 0x%02x", kind));
        };
    }

    private static int size(int op) {
        return switch (op & 0x18) {
            case 0x00 -> 4;
            case 0x08 -> 2;
            case 0x10 -> 1;
            default -> 8;
        };
    }

    private static long signExtend(long v, int size) {
        return switch (size) {
            case 1 -> (byte) v;
            case 2 -> (short) v;
            case 4 -> (int) v;
            default -> v;
        };
    }

    private void atomic(int op, int size, int imm, int d, int s, int off, long[] r, int pc) {
        if (imm == 0x100) { // load-acquire: dst = *(src + off)
            r[d] = memory.load(r[s] + off, size, pc);
            return;
        }
        if (imm == 0x110) { // store-release: *(dst + off) = src
            memory.store(r[d] + off, size, r[s], pc);
            return;
        }
        if (size != 4 && size != 8) throw new InterpException(pc, "atomic of " + size + " bytes");
        long addr = r[d] + off;
        long mask = size == 4 ? 0xffffffffL : -1L;
        long old = memory.load(addr, size, pc);
        long val = r[s] & mask;
        switch (imm) {
            case 0x00, 0x01 -> memory.store(addr, size, old + val, pc);
            case 0x40, 0x41 -> memory.store(addr, size, old | val, pc);
            case 0x50, 0x51 -> memory.store(addr, size, old & val, pc);
            case 0xa0, 0xa1 -> memory.store(addr, size, old ^ val, pc);
            case 0xe1 -> memory.store(addr, size, val, pc);
            case 0xf1 -> {
                if ((r[0] & mask) == old) memory.store(addr, size, val, pc);
                r[0] = old;
                return;
            }
            default -> throw new InterpException(pc, String.format("unknown atomic operation 0x%x", imm));
        }
        if ((imm & 0x01) != 0) r[s] = old;
    }
}
