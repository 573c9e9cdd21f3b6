package dev.jbpfc.cli.checkloops;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.FunctionReport;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.loophints.LoopVerdict;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A stand-in for the template loop checker, for testing the command's plumbing and printing only: it accepts a
 * hint whenever the hint's {@code end} is a back edge to its {@code start} (claiming the hint's trips as the
 * bound), rejects any other hint, and lists every other backward jump as unhinted. It checks nothing else.
 */
final class FakeChecker implements Function<FunctionCode, FunctionReport> {
    @Override
    public FunctionReport apply(FunctionCode f) {
        List<int[]> edges = backEdges(f.code());
        List<LoopVerdict> loops = new ArrayList<>();
        List<Integer> covered = new ArrayList<>();
        for (String tag : f.tags()) {
            if (!LoopHint.isLoopHint(tag)) continue;
            LoopHint h = LoopHint.decode(tag);
            int len = h.end() - h.start() + 1;
            boolean ok = edges.stream().anyMatch(e -> e[0] == h.end() && e[1] == h.start());
            if (ok) {
                covered.add(h.end());
                loops.add(new LoopVerdict(h.start(), h.end(), h.template(), true, h.trips(), len, h.trips() * len, null, -1));
            } else {
                loops.add(new LoopVerdict(h.start(), h.end(), h.template(), false, 0, 1, 0, "fake: no back edge from end to start", h.end()));
            }
        }
        List<Integer> unhinted = new ArrayList<>();
        for (int[] e : edges) if (!covered.contains(e[0])) unhinted.add(e[0]);
        return new FunctionReport(f.section(), f.name(), f.isProgram(), loops, unhinted);
    }

    /** Every backward jump as {slot, target}; ld_imm64 takes two slots; calls and exit are not jumps. */
    static List<int[]> backEdges(byte[] code) {
        ByteBuffer b = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> out = new ArrayList<>();
        for (int slot = 0; slot * 8 + 8 <= code.length; slot++) {
            int op = code[slot * 8] & 0xff;
            if (op == 0x18) {
                slot++;
                continue;
            }
            int cls = op & 7, kind = op >> 4;
            if ((cls != 5 && cls != 6) || kind == 8 || kind == 9) continue;
            int off = cls == 6 && kind == 0 ? b.getInt(slot * 8 + 4) : b.getShort(slot * 8 + 2);
            if (off < 0) out.add(new int[] {slot, slot + 1 + off});
        }
        return out;
    }
}
