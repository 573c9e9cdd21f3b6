package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.source.SourceFile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manual sweep: java ... ParseSweep FILE.i... Prints each file's error count and its first diagnostics. */
public final class ParseSweep {
    public static void main(String[] args) throws Exception {
        int bad = 0;
        for (String a : args) {
            SourceFile f = new SourceFile(a, Files.readString(Path.of(a)));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            Diagnostics d = new Diagnostics(new PrintStream(buf, true));
            d.setErrorLimit(0);
            try {
                Parser.parse(PreprocessedFile.tokens(f), d);
            } catch (Throwable t) {
                System.out.println("CRASH " + a + " " + t);
                t.printStackTrace(System.out);
                bad++;
                continue;
            }
            if (d.errorCount() == 0) System.out.println("ok " + a);
            if (d.errorCount() > 0) {
                bad++;
                String out = buf.toString();
                System.out.println("FAIL " + a + " errors=" + d.errorCount());
                System.out.println(out.length() > 1500 ? out.substring(0, 1500) : out);
            }
        }
        System.out.println("bad=" + bad + " of " + args.length);
    }
}
