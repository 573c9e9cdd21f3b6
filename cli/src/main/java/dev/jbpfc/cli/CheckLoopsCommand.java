package dev.jbpfc.cli;

import dev.jbpfc.loophints.CheckLoops;
import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.FunctionReport;
import dev.jbpfc.loophints.LoopChecker;
import dev.jbpfc.loophints.LoopVerdict;
import dev.jbpfc.loophints.object.ObjectFormatException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code jbpfc check-loops [--json] OBJ...}: the template loop checker over BPF objects from any compiler.
 *
 * <p>Text output, one line per loop and per unhinted back edge, like a compiler remark, then one summary line per
 * object:
 * <pre>
 *   prog.o: xdp/prog: loop [5,14] counted-up: accepted, bound 100, examined 10, worst case 1200 insns
 *   prog.o: xdp/prog: loop [20,31] counted-down: rejected at insn 25: r6 is written in the body (examined 7)
 *   prog.o: .text/helper: unhinted back edge at insn 40
 *   prog.o: 3 functions, 1 loop accepted, 1 rejected, 1 unhinted back edge: not proved to terminate
 * </pre>
 * {@code --json} prints one JSON object for all the objects (see docs/loop-hints.md, "check-loops").
 * Exit status: 0 when every back edge of every function is covered by an accepted hint and no hint is rejected,
 * 1 otherwise, 2 when an object cannot be read or the command line is wrong (a {@code jbpfc: error:} line).
 */
public final class CheckLoopsCommand {
    public static final String NAME = "check-loops";
    static final String USAGE = "usage: jbpfc check-loops [--json] OBJ...";

    private final Function<FunctionCode, FunctionReport> checker;

    public CheckLoopsCommand() {
        this(LoopChecker::check);
    }

    /** With another checker (tests). */
    CheckLoopsCommand(Function<FunctionCode, FunctionReport> checker) {
        this.checker = checker;
    }

    /** {@code args} are what follows {@code check-loops} on the command line. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        boolean json = false;
        boolean options = true;
        List<Path> objects = new ArrayList<>();
        for (String a : args) {
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.equals("--json")) {
                json = true;
            } else if (options && (a.equals("--help") || a.equals("-help") || a.equals("-h"))) {
                out.println(USAGE);
                out.println("Checks every loop hint of every function of BPF objects against its instructions and reports");
                out.println("the back edges no accepted hint covers. Exit status 0: every loop proved to terminate;");
                out.println("1: some loop is not; 2: an object could not be read. See docs/loop-hints.md.");
                return 0;
            } else if (options && a.startsWith("-") && !a.equals("-")) {
                err.println("jbpfc: error: unknown argument to check-loops: '" + a + "'");
                err.println(USAGE);
                return 2;
            } else {
                objects.add(Path.of(a));
            }
        }
        if (objects.isEmpty()) {
            err.println("jbpfc: error: no input files");
            err.println(USAGE);
            return 2;
        }

        boolean unreadable = false, proved = true;
        List<CheckLoops.ObjectReport> reports = new ArrayList<>();
        for (Path p : objects) {
            CheckLoops.ObjectReport r;
            try {
                r = CheckLoops.check(p, checker);
            } catch (ObjectFormatException e) {
                err.println("jbpfc: error: " + e.getMessage());
                unreadable = true;
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                err.println("jbpfc: error: " + p + ": internal error of the loop checker: " + e.getClass().getSimpleName()
                        + (e.getMessage() != null ? ": " + e.getMessage() : ""));
                if ("1".equals(System.getenv("JBPFC_DEBUG"))) e.printStackTrace(err);
                unreadable = true;
                continue;
            }
            reports.add(r);
            proved &= r.proved();
            if (!json) printText(r, out);
        }
        if (json) out.println(json(reports));
        return unreadable ? 2 : proved ? 0 : 1;
    }

    private static void printText(CheckLoops.ObjectReport r, PrintStream out) {
        int accepted = 0, rejected = 0, unhinted = 0;
        for (FunctionReport f : r.functions()) {
            String where = r.file() + ": " + printable(f.section()) + "/" + printable(f.name()) + ": ";
            for (LoopVerdict v : f.loops()) {
                String loop = where + "loop [" + v.start() + "," + v.end() + "] " + printable(v.template()) + ": ";
                if (v.accepted()) {
                    accepted++;
                    out.println(loop + "accepted, bound " + Long.toUnsignedString(v.bound()) + ", examined " + v.examined()
                            + ", worst case " + Long.toUnsignedString(v.worstCase()) + " insns");
                } else {
                    rejected++;
                    out.println(loop + "rejected" + (v.at() >= 0 ? " at insn " + v.at() : "") + ": " + printable(v.reason())
                            + " (examined " + v.examined() + ")");
                }
            }
            for (int at : f.unhintedBackEdges()) {
                unhinted++;
                out.println(where + "unhinted back edge at insn " + at);
            }
        }
        int n = r.functions().size();
        out.println(r.file() + ": " + n + (n == 1 ? " function, " : " functions, ") + accepted + (accepted == 1 ? " loop" : " loops")
                + " accepted, " + rejected + " rejected, " + unhinted + (unhinted == 1 ? " unhinted back edge" : " unhinted back edges")
                + (r.proved() ? ": proved to terminate" : ": not proved to terminate"));
    }

    /** Names come from untrusted objects: a control character would break the one-line-per-loop output. */
    private static String printable(String s) {
        if (s == null) return "?";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    /** The one JSON object of {@code --json}. Numbers are unsigned 64-bit decimals where the field is a count. */
    static String json(List<CheckLoops.ObjectReport> reports) {
        StringBuilder b = new StringBuilder("{\"programs\":[");
        boolean firstFunction = true;
        for (CheckLoops.ObjectReport r : reports) {
            for (FunctionReport f : r.functions()) {
                if (!firstFunction) b.append(',');
                firstFunction = false;
                b.append("{\"object\":").append(string(r.file().toString()))
                 .append(",\"section\":").append(string(f.section()))
                 .append(",\"name\":").append(string(f.name()))
                 .append(",\"is_program\":").append(f.isProgram())
                 .append(",\"loops\":[");
                for (int i = 0; i < f.loops().size(); i++) {
                    LoopVerdict v = f.loops().get(i);
                    if (i > 0) b.append(',');
                    b.append("{\"start\":").append(v.start()).append(",\"end\":").append(v.end())
                     .append(",\"template\":").append(string(v.template()))
                     .append(",\"verdict\":").append(v.accepted() ? "\"accepted\"" : "\"rejected\"");
                    if (v.accepted()) b.append(",\"bound\":").append(Long.toUnsignedString(v.bound()));
                    b.append(",\"examined\":").append(v.examined());
                    if (v.accepted()) b.append(",\"worst_case\":").append(Long.toUnsignedString(v.worstCase()));
                    if (!v.accepted()) {
                        b.append(",\"reason\":").append(string(v.reason()));
                        if (v.at() >= 0) b.append(",\"at\":").append(v.at());
                    }
                    b.append('}');
                }
                b.append("],\"unhinted_back_edges\":").append(f.unhintedBackEdges().size()).append(",\"unhinted_at\":[");
                for (int i = 0; i < f.unhintedBackEdges().size(); i++) {
                    if (i > 0) b.append(',');
                    b.append(f.unhintedBackEdges().get(i));
                }
                b.append("],\"proved\":").append(f.proved()).append('}');
            }
        }
        return b.append("]}").toString();
    }

    /** A JSON string literal (RFC 8259): quote, backslash and control characters escaped. */
    static String string(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(s, i)) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
