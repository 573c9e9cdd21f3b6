package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.IrVerifier;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.IrPrinter;
import dev.jbpfc.timing.StageTimes;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The passes by name and the {@code -O} pipelines, in one place so the optimiser is visible at a glance:
 * <pre>
 *   O0: always-inline is-constant mem-size arena-casts (every local stays in memory, as clang -O0, but always_inline functions are inlined)
 *   O1: always-inline mem2reg loop-lowering unroll sccp devirt is-constant mem-size simplifycfg dce arena-casts division-bounds
 *   O2: inline mem2reg sccp devirt constfold simplifycfg cse loop-lowering unroll sccp constfold is-constant mem-size simplifycfg
 *       jump-thread cse store-forward devirt redundant-loads iter-addresses dce simplifycfg dce arena-casts sink loop-rotate licm division-bounds
 *   Os: O2 with a smaller inlining threshold
 * </pre>
 * LoopUnroll runs at every level above O0 because {@code #pragma unroll} is a request the program's verification
 * may depend on. arena-casts ({@link ArenaCastPlacement}) runs at every level, late, as clang's BPF backend places
 * its arena casts after the optimiser; at O2 just before sink, which moves a cast used only past a null check below
 * it, as clang's machine sinking does ({@code if (first) first->pprev = ...}). loop-lowering ({@link LoopLowering}, {@code -floop-lowering=}) picks iterator, unrolled or plain
 * form per loop before the unroller runs. {@code --print-after=NAME} (NAME a pass or "all") prints the module after each run of that pass;
 * {@code verifyEach} runs {@link IrVerifier} after every pass and throws on the first broken module (tests use it;
 * the driver turns it on with {@code -mllvm -verify-each}-like debugging flags).
 */
public final class PassPipeline {
    /** Every pass by its command-line name. */
    public static final List<String> PASS_NAMES =
            List.of("always-inline", "inline", "mem2reg", "constfold", "sccp", "dce", "simplifycfg", "cse", "unroll",
                    "is-constant", "mem-size", "loop-lowering", "loop-rotate", "licm", "jump-thread", "store-forward", "redundant-loads",
                    "sink", "division-bounds", "iter-addresses", "devirt", "arena-casts");

    private final List<String> passes = new ArrayList<>();
    private final int inlineThreshold;
    private Set<String> printAfter = Set.of();
    /** Where --print-after writes; set together with {@link #printAfter} (a library writes to no stream of its own). */
    private PrintStream printTo;
    private boolean verifyEach;
    private StageTimes times = StageTimes.NONE;
    private final List<Remark> remarks = new ArrayList<>();
    private LoopLowering.Mode loopLowering = LoopLowering.Mode.AUTO;
    private boolean bpfIterators = true;
    private boolean rotateLoopsWithCalls;

    private PassPipeline(List<String> passes, int inlineThreshold) {
        for (String p : passes) {
            if (!PASS_NAMES.contains(p)) throw new IllegalArgumentException("unknown pass '" + p + "' (known: " + String.join(", ", PASS_NAMES) + ")");
        }
        this.passes.addAll(passes);
        this.inlineThreshold = inlineThreshold;
    }

    /**
     * A pipeline of the named passes in order, e.g. {@code "mem2reg,dce"}; {@code loop-lowering=MODE} (a
     * {@code -floop-lowering=} value) runs loop-lowering in that mode; {@code -fno-bpf-iterators} tells it the
     * kernel has no open-coded iterators.
     */
    public static PassPipeline of(String commaSeparated) {
        List<String> names = new ArrayList<>();
        LoopLowering.Mode mode = LoopLowering.Mode.AUTO;
        boolean iterators = true;
        for (String s : commaSeparated.split(",")) {
            String n = s.trim();
            if (n.equals("-fno-bpf-iterators")) {
                iterators = false;
                continue;
            }
            if (n.startsWith("loop-lowering=")) {
                mode = LoopLowering.Mode.parse(n.substring("loop-lowering=".length()));
                if (mode == null) throw new IllegalArgumentException("unknown loop lowering '" + n + "'");
                n = "loop-lowering";
            }
            if (!n.isBlank()) names.add(n);
        }
        return new PassPipeline(names, 40).loopLowering(mode).bpfIterators(iterators);
    }

    /** The pipeline of an optimisation level: "0", "1", "2", "3" (= 2), "s", "z" (= s), "g" (= 1). */
    public static PassPipeline forLevel(String level) {
        String l = level.startsWith("-O") ? level.substring(2) : level.startsWith("O") ? level.substring(1) : level;
        List<String> o2 = List.of("inline", "mem2reg", "sccp", "devirt", "constfold", "simplifycfg", "cse", "loop-lowering",
                "unroll", "sccp", "constfold", "is-constant", "mem-size", "simplifycfg", "jump-thread", "cse", "store-forward", "devirt", "redundant-loads", "cse", "iter-addresses", "dce", "simplifycfg", "dce",
                "arena-casts", "sink", "loop-rotate", "licm", "division-bounds");
        return switch (l) {
            case "0" -> new PassPipeline(List.of("always-inline", "is-constant", "mem-size", "arena-casts"), 0);
            case "1", "g" -> new PassPipeline(List.of("always-inline", "mem2reg", "loop-lowering", "unroll", "sccp", "devirt", "is-constant",
                    "mem-size", "simplifycfg", "dce", "arena-casts", "division-bounds"), 0);
            case "", "2", "3" -> new PassPipeline(o2, 40);
            case "s", "z" -> new PassPipeline(o2, 12);
            default -> throw new IllegalArgumentException("unknown optimisation level '-O" + l + "'");
        };
    }

    public List<String> passes() { return passes; }

    /** This pipeline without the named pass. */
    public PassPipeline without(String pass) {
        passes.removeIf(pass::equals);
        return this;
    }

    /** Print the module to {@code out} after each run of the named passes ("all" = every pass). */
    public PassPipeline printAfter(Set<String> names, PrintStream out) {
        for (String n : names) {
            if (!n.equals("all") && !PASS_NAMES.contains(n)) throw new IllegalArgumentException("unknown pass '" + n + "' in --print-after");
        }
        this.printAfter = Set.copyOf(names);
        this.printTo = out;
        return this;
    }

    /** How loop-lowering lowers counted loops ({@code -floop-lowering=}; auto by default). */
    public PassPipeline loopLowering(LoopLowering.Mode mode) {
        this.loopLowering = mode;
        return this;
    }

    /** Whether the target kernel has open-coded iterators ({@code -fno-bpf-iterators}: auto picks bpf_loop). */
    public PassPipeline bpfIterators(boolean available) {
        this.bpfIterators = available;
        return this;
    }

    /**
     * Whether loop-rotate also rotates loops that call something ({@code -floop-hints}: the templates want every
     * counted loop rotated; otherwise such loops stay top-tested, see {@link LoopRotation}).
     */
    public PassPipeline rotateLoopsWithCalls(boolean on) {
        this.rotateLoopsWithCalls = on;
        return this;
    }

    public PassPipeline verifyEach(boolean on) {
        this.verifyEach = on;
        return this;
    }

    /** Where each pass's CPU time goes, summed by pass name ({@code -ftime-report}). */
    public PassPipeline stageTimes(StageTimes times) {
        this.times = times;
        return this;
    }

    /** What the passes could not do that the source asked for (the driver prints them as -Wpass-failed warnings). */
    public List<Remark> remarks() { return remarks; }

    public void run(Module m) {
        for (String name : passes) {
            long start = times.start();
            runPass(name, m);
            times.stop(name, start);
            if (verifyEach) IrVerifier.check(m, name);
            if (printAfter.contains(name) || printAfter.contains("all")) {
                printTo.println("; *** IR after " + name + " ***");
                printTo.print(IrPrinter.print(m));
            }
        }
    }

    private void runPass(String name, Module m) {
        if (name.equals("loop-lowering")) {
            new LoopLowering(loopLowering, bpfIterators, remarks).run(m);
            return;
        }
        if (name.equals("inline") || name.equals("always-inline")) {
            new Inliner(inlineThreshold, name.equals("always-inline"), PassPipeline::simplifyBeforeInlining).run(m);
            return;
        }
        if (name.equals("is-constant")) {
            new LowerIsConstant().run(m);
            return;
        }
        if (name.equals("mem-size")) {
            new LowerMemIntrinsics().run(m);
            return;
        }
        Consumer<Function> pass = switch (name) {
            case "mem2reg" -> new Mem2Reg()::run;
            case "constfold" -> new ConstantFolding()::run;
            case "sccp" -> new Sccp()::run;
            case "dce" -> new DeadCodeElimination()::run;
            case "simplifycfg" -> new SimplifyCfg()::run;
            case "cse" -> new CommonSubexpressionElimination()::run;
            case "unroll" -> new LoopUnroll(remarks)::run;
            case "loop-rotate" -> new LoopRotation(rotateLoopsWithCalls)::run;
            case "licm" -> new LoopInvariantCodeMotion()::run;
            case "jump-thread" -> new JumpThreading()::run;
            case "store-forward" -> new LocalStoreForwarding()::run;
            case "redundant-loads" -> new RedundantLoads()::run;
            case "sink" -> new SinkIntoSuccessor()::run;
            case "division-bounds" -> new DivisionBounds()::run;
            case "arena-casts" -> new ArenaCastPlacement()::run;
            case "iter-addresses" -> new IteratorLoopAddresses()::run;
            case "devirt" -> new Devirtualization(m)::run;
            default -> throw new IllegalArgumentException("unknown pass " + name);
        };
        for (Function f : m.functions()) pass.accept(f);
    }

    /** What a global function gets before the inliner measures it as a callee. */
    private static void simplifyBeforeInlining(Function f) {
        new Mem2Reg().run(f);
        new Sccp().run(f);
        new ConstantFolding().run(f);
        new SimplifyCfg().run(f);
        new DeadCodeElimination().run(f);
    }

    /** The pipelines, for --help style listings. */
    public static Map<String, List<String>> levels() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String l : List.of("0", "1", "2", "s")) out.put("-O" + l, forLevel(l).passes());
        return out;
    }
}
