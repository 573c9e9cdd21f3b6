package dev.jbpfc.backend;

import dev.jbpfc.backend.emit.BlockLayout;
import dev.jbpfc.backend.emit.BranchRelaxation;
import dev.jbpfc.backend.emit.EncodedFunction;
import dev.jbpfc.backend.emit.FunctionEncoder;
import dev.jbpfc.backend.emit.LoopHints;
import dev.jbpfc.backend.frame.SpillSlotColoring;
import dev.jbpfc.backend.frame.StackLimit;
import dev.jbpfc.backend.isel.InstructionSelector;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.regalloc.CommutedOperands;
import dev.jbpfc.backend.regalloc.CopyCoalescing;
import dev.jbpfc.backend.regalloc.LinearScanAllocator;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Module;
import dev.jbpfc.timing.StageTimes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The backend's stages, in order. Read this first:
 * <ol>
 *   <li>{@link InstructionSelector}: IR function to machine IR on virtual registers (phis become copies).</li>
 *   <li>{@link CommutedOperands}: {@code x = a; x OP= b} becomes {@code x = b; x OP= a} where that lets the copy
 *       coalesce (a still live, b not).</li>
 *   <li>{@link CopyCoalescing}: the two sides of a copy that never hold different values at once become one
 *       virtual register (phi and two-address copies vanish).</li>
 *   <li>{@link LinearScanAllocator}: virtual registers to r0..r9, spills to 8-byte stack slots.</li>
 *   <li>{@link SpillSlotColoring}: spill slots that are never live at the same time share bytes.</li>
 *   <li>{@link StackLimit}: each frame within 512 bytes (call chains and recursion are the verifier's).</li>
 *   <li>{@link BlockLayout}: jump threading, dead block removal, fall-throughs.</li>
 *   <li>{@link BranchRelaxation}: jumps beyond ±32767 slots become gotol (v4) or an error.</li>
 *   <li>{@link FunctionEncoder}: final instructions with jump distances, symbols, lines, CO-RE records.</li>
 *   <li>{@link LoopHints}: a loop hint for each loop selection built to a template (see
 *       {@link dev.jbpfc.backend.isel.LoopShaping}) whose final instructions still match it.</li>
 *   <li>{@link dev.jbpfc.backend.emit.ObjectEmitter} and {@link dev.jbpfc.backend.elf.ElfObjectWriter}: the ELF
 *       object (driven by {@link BpfBackend}).</li>
 * </ol>
 */
public final class BackendPipeline {
    private BackendPipeline() {}

    public static List<EncodedFunction> run(Module module, BackendOptions options, BtfSections btf) {
        return run(module, options, btf, StageTimes.NONE);
    }

    /** The stages above, adding each one's CPU time to {@code times} ({@code -ftime-report}). */
    public static List<EncodedFunction> run(Module module, BackendOptions options, BtfSections btf, StageTimes times) {
        List<MFunction> machine = new ArrayList<>();
        for (Function f : module.functions()) {
            long t = times.start();
            MFunction mf = InstructionSelector.run(module, f, options.cpu(),
                    btf == null ? r -> 0L : btf::coreLocalValue, options.loopHints());
            times.stop("isel", t);
            t = times.start();
            CommutedOperands.run(mf);
            CopyCoalescing.run(mf);
            times.stop("coalesce", t);
            t = times.start();
            LinearScanAllocator.run(mf);
            times.stop("regalloc", t);
            t = times.start();
            SpillSlotColoring.run(mf);
            times.stop("spill slots", t);
            machine.add(mf);
        }
        StackLimit.run(machine);
        List<EncodedFunction> encoded = new ArrayList<>();
        int index = 0;
        for (MFunction mf : machine) {
            long t = times.start();
            BlockLayout.run(mf, options.cpu());
            Set<MInsn> longJumps = BranchRelaxation.run(mf, options.cpu());
            times.stop("layout", t);
            t = times.start();
            EncodedFunction ef = FunctionEncoder.run(mf, longJumps, index++);
            LoopHints.run(ef, mf.loopMisses);
            times.stop("encode", t);
            encoded.add(ef);
        }
        return encoded;
    }
}
