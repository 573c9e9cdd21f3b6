package dev.jbpfc.frontend.pp;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceFile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 14: preprocesses each {@link MacroNestShapes} shape at 2,500 / 5,000 / 10,000 / 20,000 levels and prints,
 * per depth, the thread's CPU time, the expander's steps (tokens read, trees entered or taken whole:
 * {@link Preprocessor#expansionSteps}) and the tokens that came out, with the growth of the steps from one depth to
 * the next (2.0: linear, 4.0: quadratic). Not a test:
 * run it by hand, on the frontend's test class path:
 * <pre>
 *   java -Xss1g -cp frontend/target/classes:frontend/target/test-classes:ir/target/classes \
 *       dev.jbpfc.frontend.pp.MacroNestBenchmark [shape ...]
 * </pre>
 * A shape stops growing once one depth took more than a minute of CPU.
 */
final class MacroNestBenchmark {
    private static final int[] DEPTHS = {2_500, 5_000, 10_000, 20_000};

    public static void main(String[] args) throws Exception {
        List<MacroNestShapes.Shape> shapes = new ArrayList<>();
        if (args.length == 0) shapes.addAll(MacroNestShapes.ALL);
        for (String a : args) shapes.add(MacroNestShapes.named(a));
        System.out.println("| shape | depth | CPU s | steps | steps growth | tokens out |");
        System.out.println("|---|---|---|---|---|---|");
        for (MacroNestShapes.Shape s : shapes) {
            long previous = 0;
            for (int depth : DEPTHS) {
                long[] r = measure(s, depth);
                String growth = previous == 0 ? "" : String.format("%.2f", r[1] / (double) previous);
                System.out.printf("| %s | %d | %.2f | %,d | %s | %,d |%n", s.name(), depth, r[0] / 1e9, r[1], growth,
                        r[2]);
                previous = r[1];
                if (r[0] > 60e9) break;
            }
        }
    }

    /** CPU nanoseconds, expansion steps, tokens out; on a thread with a deep stack (expansion recurses per level). */
    static long[] measure(MacroNestShapes.Shape s, int depth) throws InterruptedException {
        long[] result = new long[3];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                long start = mx.getCurrentThreadCpuTime();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                Preprocessor pp = new Preprocessor(new PreprocessorOptions(),
                        new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8)));
                List<Token> out = pp.run(new SourceFile("nest.c", s.source(depth)));
                result[0] = mx.getCurrentThreadCpuTime() - start;
                result[1] = pp.expansionSteps();
                result[2] = out.size();
                if (err.size() > 0) System.out.println(s.name() + ": " + err.toString(StandardCharsets.UTF_8));
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "macro-nest", 1L << 30);
        t.start();
        t.join();
        if (failure[0] != null) throw new RuntimeException(s.name() + " at " + depth, failure[0]);
        return result;
    }
}
