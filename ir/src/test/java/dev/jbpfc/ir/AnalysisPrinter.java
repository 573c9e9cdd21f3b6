package dev.jbpfc.ir;

import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.LoopInfo;
import dev.jbpfc.ir.analysis.UseList;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints what the analyses compute, one line per block, so that analysis tests are CHECK files like the pass
 * tests ({@code ; RUN: -analyze}):
 * <pre>
 *   @f loop: preds [entry, body] succs [body, exit] idom entry frontier [loop] loop loop depth 1 latches [body]
 * </pre>
 */
final class AnalysisPrinter {
    private AnalysisPrinter() {}

    static String print(Module m) {
        StringBuilder sb = new StringBuilder();
        for (Function f : m.functions()) {
            Cfg cfg = new Cfg(f);
            DominatorTree dt = new DominatorTree(cfg);
            LoopInfo li = new LoopInfo(dt);
            UseList uses = new UseList(f);
            sb.append('@').append(f.name()).append(" rpo ").append(names(cfg.rpo())).append('\n');
            for (Block b : f.blocks()) {
                sb.append('@').append(f.name()).append(' ').append(b.name()).append(':')
                  .append(" preds ").append(names(cfg.preds(b)))
                  .append(" succs ").append(names(cfg.succs(b)))
                  .append(" idom ").append(dt.idom(b) == null ? "-" : dt.idom(b).name())
                  .append(" frontier ").append(names(dt.frontier(b).stream().sorted(java.util.Comparator.comparing(Block::name)).toList()));
                LoopInfo.Loop l = li.loopFor(b);
                if (l != null) {
                    sb.append(" loop ").append(l.header().name()).append(" depth ").append(l.depth())
                      .append(" latches ").append(names(l.latches()));
                    if (l.header() == b) sb.append(" exits ").append(names(l.exitBlocks()));
                }
                sb.append('\n');
            }
            for (Block b : f.blocks()) {
                for (Instruction i : b.instructions()) {
                    if (i.hasResult() && i.name() != null) {
                        sb.append('@').append(f.name()).append(" %").append(i.name()).append(" uses ").append(uses.useCount(i)).append('\n');
                    }
                }
            }
            for (dev.jbpfc.ir.analysis.CountedLoop.Result r : dev.jbpfc.ir.analysis.CountedLoop.analyze(f)) {
                sb.append('@').append(f.name()).append(" counted ").append(r.loop().header().name()).append(": ");
                if (r.fits()) {
                    var s = r.shape();
                    sb.append("iv %").append(s.iv().name()).append(" width ").append(s.width())
                      .append(s.countsUp() ? " up" : " down").append(" step ").append(s.step())
                      .append(" init ").append(s.init()).append(s.signed() ? " signed" : " unsigned")
                      .append(s.strict() ? " strict" : " inclusive").append(" limit ")
                      .append(s.constantLimit() != null ? String.valueOf(s.constantLimit()) : "%" + s.limit().name());
                } else {
                    sb.append("no: ").append(r.reason());
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String names(List<Block> bs) {
        return bs.stream().map(Block::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
