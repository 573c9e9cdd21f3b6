package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Manual timing: java ... ParseProbe FILE [repeats]. Prints lex and parse milliseconds per run. */
public final class ParseProbe {
    public static void main(String[] args) throws Exception {
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SourceFile f = new SourceFile(args[0], Files.readString(Path.of(args[0])));
        for (int r = 0; r < repeats; r++) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<Token> tokens = PreprocessedFile.tokens(f);
            long t1 = System.nanoTime();
            Diagnostics d = new Diagnostics(System.err);
            TranslationUnit tu = Parser.parse(tokens, d);
            long t2 = System.nanoTime();
            long c2 = mx.getCurrentThreadCpuTime();
            System.out.printf("tokens=%d decls=%d errors=%d lex=%dms parse=%dms cpu(lex+parse)=%dms%n", tokens.size(), tu.decls().size(),
                    d.errorCount(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (c2 - c0) / 1_000_000);
        }
    }
}
