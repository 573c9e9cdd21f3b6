package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.ir.IrVerifier;
import dev.jbpfc.ir.Module;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opt-in sweep ({@code -Dlower.corpus=N} files, or {@code all}) over the selftests corpus: preprocess, parse,
 * sema, lower and verify the IR of each file, printing the first diagnostics of each failure and a summary. It
 * measures how much of the corpus the frontend gets through; it asserts nothing.
 */
class LowerCorpusProbe {
    @Test
    void sweep() throws Exception {
        String n = System.getProperty("lower.corpus");
        Assumptions.assumeTrue(n != null, "opt-in: -Dlower.corpus=N|all");
        Path corpus = Path.of(System.getProperty("user.home"), ".cache/jbpfc/linux-6.12");
        Assumptions.assumeTrue(Files.isDirectory(corpus.resolve("progs")), "corpus missing: scripts/setup-corpus.sh");
        String flagText = "-D__TARGET_ARCH_x86 -I" + corpus + "/include -I" + corpus + "/src/tools/testing/selftests/bpf -I"
                + corpus + "/src/tools/include/uapi -I" + corpus + "/src/tools/include -idirafter /usr/include/x86_64-linux-gnu"
                + " -idirafter /usr/include -DENABLE_ATOMICS_TESTS -O2 --target=bpf -mcpu=v3";
        List<String> flags = new ArrayList<>(Arrays.asList(flagText.split(" ")));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus.resolve("progs"))) {
            s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
        }
        if (!n.equals("all")) {
            int k = Integer.parseInt(n);
            List<Path> sample = new ArrayList<>();
            for (int i = 0; i < files.size() && sample.size() < k; i += Math.max(1, files.size() / k)) sample.add(files.get(i));
            files = sample;
        }
        int ok = 0, failed = 0;
        for (Path f : files) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            Diagnostics d = new Diagnostics(new PrintStream(buf, true, StandardCharsets.UTF_8));
            d.setErrorLimit(0);
            Module m;
            try {
                m = LowerFileTest.compile(f, flags, d);
            } catch (Throwable t) {
                System.out.println("CRASH " + f.getFileName() + " " + t);
                failed++;
                continue;
            }
            List<String> problems = m == null ? List.of() : IrVerifier.verify(m);
            if (d.hasErrors() || m == null || !problems.isEmpty()) {
                failed++;
                String out = buf.toString(StandardCharsets.UTF_8);
                System.out.println("FAIL " + f.getFileName() + " errors=" + d.errorCount() + " verifier=" + problems.size());
                System.out.println(out.length() > 1200 ? out.substring(0, 1200) : out);
                for (int i = 0; i < Math.min(3, problems.size()); i++) System.out.println("  IR: " + problems.get(i));
            } else {
                ok++;
            }
        }
        System.out.println("LOWERED " + ok + " of " + (ok + failed));
    }
}
