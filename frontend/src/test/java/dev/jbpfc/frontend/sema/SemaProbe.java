package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Manual entry point: analyze a file (args: file [include dirs...]) and print diagnostics and timing. */
final class SemaProbe {
    public static void main(String[] args) {
        Diagnostics d = new Diagnostics(System.out);
        d.setErrorLimit(Integer.parseInt(System.getProperty("limit", "50")));
        List<Path> inc = new ArrayList<>();
        for (int i = 1; i < args.length; i++) inc.add(Path.of(args[i]));
        long t0 = System.nanoTime();
        try {
            Frontend.analyze(Path.of(args[0]), inc, d);
        } catch (Diagnostics.ErrorLimitReached e) {
            // printed
        }
        System.out.println("errors " + d.errorCount() + " warnings " + d.warningCount() + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
