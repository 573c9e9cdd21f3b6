package dev.jbpfc.testsuite.bench;

import dev.jbpfc.loophints.object.BpfObjectFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue 14's "cost linear in input size": generated programs of growing size in six shapes, each compiled by
 * {@code ./jbpfc -O2 -mcpu=v4 -c} (v4: jumps past 16 bits need {@code gotol}; at v3 the largest sizes end in
 * that diagnostic, as clang-22 does) in a fresh process without the compile server; per size the BPF instructions of the
 * object, CPU time (user + system of the process), wall time and peak memory, and the slope of CPU time against
 * size on a log-log scale. A report, not a timed test.
 * <pre>
 *   java -cp testsuite/target/classes:loop-hints/target/classes:bpf-isa/target/classes:btf-emit/target/classes:ir/target/classes \
 *       dev.jbpfc.testsuite.bench.ScalingBenchmark [--shapes straight,functions,switch,empty-switch,nesting,initializer]
 *       [--steps 5] [--limit-seconds 120]
 * </pre>
 * Sizes grow by 4 from about 1,000 instructions (for the initializer, 1,000 elements) for {@code --steps} sizes,
 * and stop early once a compile takes more than {@code --limit-seconds} of CPU. A JVM's start-up is a constant
 * that flattens the small sizes, so the slopes are of CPU time less the start-up (the median CPU time of three
 * compiles of a one-line program), fitted over the sizes whose time is at least twice the start-up: the growth of
 * the compiler's own work; peak memory likewise less the start-up's. Slopes of consecutive sizes are printed too,
 * so that one superlinear step is not hidden in the fit.
 */
public final class ScalingBenchmark {
    /** A generated program: {@code n} is its size parameter (statements, functions, cases, nests, elements). */
    interface Shape {
        String name();
        String unit();
        /** n for about 1,000 instructions (or elements). */
        int base();
        String source(int n);
    }

    record Named(String name, String unit, int base, java.util.function.IntFunction<String> gen) implements Shape {
        public String source(int n) { return gen.apply(n); }
    }

    static final String LICENSE = "char _license[] __attribute__((section(\"license\"), used)) = \"GPL\";\n";

    /** One function of n statements with no branches: arithmetic on two locals and a global array. */
    static String straight(int n) {
        StringBuilder s = new StringBuilder("unsigned long g[16];\n__attribute__((section(\"xdp\"), used)) int prog(void *ctx) {\n"
                + "  unsigned long a = (unsigned long)ctx, b = 1;\n");
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) s.append("  a = a * ").append(i % 7 + 2).append(" + g[").append(i % 16).append("]; b ^= a >> ")
                    .append(i % 13 + 1).append("; g[").append(i * 5 % 16).append("] = b;\n");
            else s.append("  b += a; a = a ^ (b << ").append(i % 5 + 1).append(");\n");
        }
        return s.append("  return (int)(a ^ b);\n}\n").append(LICENSE).toString();
    }

    /** n global functions, each a few instructions, and a program calling the first. */
    static String functions(int n) {
        StringBuilder s = new StringBuilder("unsigned int g[64];\n");
        for (int i = 0; i < n; i++) {
            s.append("__attribute__((noinline)) int f").append(i).append("(int x) { g[").append(i % 64).append("] += x; return x * ")
                    .append(i % 9 + 2).append(" + ").append(i).append("; }\n");
        }
        s.append("__attribute__((section(\"xdp\"), used)) int prog(void *ctx) { return f0((int)(long)ctx) & 3; }\n");
        return s.append(LICENSE).toString();
    }

    /** One switch of n cases, each with its own small body. */
    static String longSwitch(int n) {
        StringBuilder s = new StringBuilder("unsigned int g[64];\nint pick(unsigned int x) {\n  int r = 0;\n  switch (x) {\n");
        for (int i = 0; i < n; i++) {
            s.append("  case ").append(i * 3).append(": r = g[").append(i % 64).append("] * ").append(i % 11 + 2)
                    .append("; g[").append((i * 7) % 64).append("] = r; break;\n");
        }
        s.append("  default: r = -1;\n  }\n  return r;\n}\n");
        s.append("__attribute__((section(\"xdp\"), used)) int prog(void *ctx) { return pick((unsigned int)(long)ctx) & 3; }\n");
        return s.append(LICENSE).toString();
    }

    /**
     * One switch of n cases that do nothing, so that every case flows into the join with the same value: the join's
     * phi has an entry per case and the case blocks are empty (issue 14: quadratic in SCCP and SimplifyCfg once).
     */
    static String emptySwitch(int n) {
        StringBuilder s = new StringBuilder("int pick(unsigned int x) {\n  int r = 0;\n  switch (x) {\n");
        for (int i = 0; i < n; i++) s.append("  case ").append(i * 3).append(": break;\n");
        s.append("  default: r = -1;\n  }\n  return r;\n}\n");
        s.append("__attribute__((section(\"xdp\"), used)) int prog(void *ctx) { return pick((unsigned int)(long)ctx) & 3; }\n");
        return s.append(LICENSE).toString();
    }

    /** n nests, one after the other, of 64 ifs each inside the one before (deep, well within -fbracket-depth). */
    static String nesting(int n) {
        int depth = 64;
        StringBuilder s = new StringBuilder("unsigned int g[64];\n__attribute__((section(\"xdp\"), used)) int prog(void *ctx) {\n"
                + "  unsigned long a = (unsigned long)ctx;\n");
        for (int k = 0; k < n; k++) {
            for (int d = 0; d < depth; d++) {
                s.append("if (a > ").append(k * depth + d).append(") { a += g[").append(d).append("];\n");
            }
            s.append("g[").append(k % 64).append("] = a;\n");
            s.append("}".repeat(depth)).append('\n');
        }
        return s.append("  return (int)a & 3;\n}\n").append(LICENSE).toString();
    }

    /** A global array of n initialized elements read by a small program. */
    static String initializer(int n) {
        StringBuilder s = new StringBuilder("unsigned int table[").append(n).append("] = {");
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : ",").append(i * 2654435761L % 1000);
        s.append("};\n__attribute__((section(\"xdp\"), used)) int prog(void *ctx) { return table[(unsigned long)ctx % ")
                .append(n).append("] & 3; }\n");
        return s.append(LICENSE).toString();
    }

    static final List<Shape> SHAPES = List.of(
            new Named("straight", "statements", 250, ScalingBenchmark::straight),
            new Named("functions", "functions", 250, ScalingBenchmark::functions),
            new Named("switch", "cases", 200, ScalingBenchmark::longSwitch),
            new Named("empty-switch", "cases", 200, ScalingBenchmark::emptySwitch),
            new Named("nesting", "nests of 64", 4, ScalingBenchmark::nesting),
            new Named("initializer", "elements", 1000, ScalingBenchmark::initializer));

    record Point(int n, long insns, double cpu, double wall, long peakKb, int exit) {}

    public static void main(String[] args) throws Exception {
        List<String> shapes = SHAPES.stream().map(Shape::name).toList();
        int steps = 5;
        double limit = 120;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shapes" -> shapes = Arrays.asList(args[++i].split(","));
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--limit-seconds" -> limit = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path root = Path.of(System.getenv().getOrDefault("JBPFC_ROOT", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("jbpfc-scaling");
        TimedRun.of(List.of(root.resolve("jbpfc").toString(), "--version"), root); // builds the jar if needed
        Path tiny = work.resolve("tiny.c");
        Files.writeString(tiny, "int x;\n");
        List<TimedRun> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(TimedRun.of(List.of(root.resolve("jbpfc").toString(), "-O2", "--target=bpf", "-c", tiny.toString(),
                    "-o", work.resolve("tiny.o").toString()), root, Map.of("JBPFC_SERVER", "0")));
        }
        double startCpu = TimedRun.median(starts.stream().map(TimedRun::cpuSeconds).toList());
        double startKb = TimedRun.median(starts.stream().map(r -> (double) r.peakKilobytes()).toList());
        System.out.printf("start-up (a one-line program): %.2f s CPU, %d MB%n", startCpu, (long) startKb / 1024);
        for (Shape shape : SHAPES) {
            if (!shapes.contains(shape.name())) continue;
            System.out.printf("%n%s (size in %s)%n%n", shape.name(), shape.unit());
            System.out.println("| size | BPF insns | CPU | wall | peak memory | slope from previous |");
            System.out.println("|---|---|---|---|---|---|");
            List<Point> points = new ArrayList<>();
            int n = shape.base();
            for (int step = 0; step < steps; step++, n *= 4) {
                Path src = work.resolve(shape.name() + "-" + n + ".c");
                Path obj = work.resolve(shape.name() + "-" + n + ".o");
                Files.writeString(src, shape.source(n));
                Files.deleteIfExists(obj);
                TimedRun r = TimedRun.of(List.of(root.resolve("jbpfc").toString(), "-O2", "--target=bpf", "-mcpu=v4", "-c",
                        src.toString(), "-o", obj.toString()), root, Map.of("JBPFC_SERVER", "0"));
                long insns = r.exitCode() == 0 && Files.exists(obj) ? instructions(obj) : -1;
                Point p = new Point(n, insns, r.cpuSeconds(), r.wallSeconds(), r.peakKilobytes(), r.exitCode());
                String local = points.isEmpty() ? "" : String.format("%.2f", slope(points.get(points.size() - 1), p,
                        startCpu));
                System.out.printf("| %,d | %s | %.2f s | %.2f s | %d MB | %s |%n", n,
                        insns < 0 ? "exit " + r.exitCode() : String.format("%,d", insns), p.cpu(), p.wall(), p.peakKb() / 1024, local);
                points.add(p);
                Files.deleteIfExists(src);
                Files.deleteIfExists(obj);
                if (r.cpuSeconds() > limit || r.exitCode() != 0) break;
            }
            System.out.printf("%nlog-log slope against size of CPU time less start-up: %s; of peak memory less start-up: %s%n",
                    fit(points, true, startCpu), fit(points, false, startKb));
        }
    }

    /** Slope between two sizes of CPU time less {@code baseline}. */
    private static double slope(Point a, Point b, double baseline) {
        double ya = Math.max(1e-3, a.cpu() - baseline), yb = Math.max(1e-3, b.cpu() - baseline);
        return Math.log(yb / ya) / Math.log((double) b.n() / a.n());
    }

    /**
     * Least-squares slope of log(CPU less start-up) or log(peak memory less start-up) on log(size), over the sizes
     * where that figure is at least the start-up's (so the difference is mostly work).
     */
    static String fit(List<Point> points, boolean cpu, double base) {
        List<double[]> xy = new ArrayList<>();
        for (Point p : points) {
            double v = (cpu ? p.cpu() : p.peakKb()) - base;
            if (v >= base && p.exit() == 0) xy.add(new double[] {Math.log(p.n()), Math.log(v)});
        }
        if (xy.size() < 2) return "n/a (fewer than two sizes well above start-up)";
        double mx = 0, my = 0;
        for (double[] d : xy) { mx += d[0]; my += d[1]; }
        mx /= xy.size();
        my /= xy.size();
        double sxy = 0, sxx = 0;
        for (double[] d : xy) { sxy += (d[0] - mx) * (d[1] - my); sxx += (d[0] - mx) * (d[0] - mx); }
        return String.format("%.2f over %d sizes", sxy / sxx, xy.size());
    }

    private static long instructions(Path obj) throws Exception {
        BpfObjectFile f = BpfObjectFile.read(obj);
        long bytes = 0;
        for (BpfObjectFile.Section s : f.codeSections()) bytes += s.size();
        return bytes / 8;
    }
}
