package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Manual: java ... PpParseSweep "FLAGS" FILE.c... — the project's own preprocessor followed by the parser; prints
 * each file with parse errors (preprocessor errors are counted apart) and the CPU time of pp and parse.
 */
public final class PpParseSweep {
    public static void main(String[] args) {
        List<String> flags = new ArrayList<>(Arrays.asList(args[0].trim().split("\\s+")));
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int bad = 0, ppBad = 0;
        long ppNanos = 0, parseNanos = 0;
        for (int i = 1; i < args.length; i++) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            Diagnostics d = new Diagnostics(new PrintStream(buf, true));
            d.setErrorLimit(0);
            long c0 = mx.getCurrentThreadCpuTime();
            List<Token> tokens = new Preprocessor(PreprocessorOptions.fromArgs(flags), d).run(Path.of(args[i]));
            long c1 = mx.getCurrentThreadCpuTime();
            int ppErrors = d.errorCount();
            if (ppErrors > 0) ppBad++;
            Parser.parse(tokens, d);
            long c2 = mx.getCurrentThreadCpuTime();
            ppNanos += c1 - c0;
            parseNanos += c2 - c1;
            if (d.errorCount() > ppErrors) {
                bad++;
                String out = buf.toString();
                System.out.println("FAIL " + args[i] + " pp-errors=" + ppErrors + " parse-errors=" + (d.errorCount() - ppErrors));
                System.out.println(out.length() > 1500 ? out.substring(0, 1500) : out);
            }
        }
        System.out.printf("bad=%d (pp errors in %d) of %d; cpu pp=%dms parse=%dms%n", bad, ppBad, args.length - 1,
                ppNanos / 1_000_000, parseNanos / 1_000_000);
    }
}
