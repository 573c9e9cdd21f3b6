package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.grammar.CParser;
import dev.jbpfc.source.SourceFile;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Manual: CPU ms of the bare ANTLR parse (no AST) against the whole Parser.parse, alternating. */
public final class SplitProbe {
    public static void main(String[] args) throws Exception {
        SourceFile f = new SourceFile(args[0], Files.readString(Path.of(args[0])));
        List<Token> tokens = PreprocessedFile.tokens(f);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < Integer.parseInt(args[1]); r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            TypedefTable typedefs = new TypedefTable();
            CTokenStream stream = new CTokenStream(tokens, typedefs);
            long cs = mx.getCurrentThreadCpuTime();
            CParser parser = new CParser(stream);
            parser.removeErrorListeners();
            parser.hooks = typedefs;
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            while (stream.LA(1) != org.antlr.v4.runtime.Token.EOF) parser.externalDeclaration();
            long c1 = mx.getCurrentThreadCpuTime();
            Parser.parse(tokens, new Diagnostics(System.err));
            long c2 = mx.getCurrentThreadCpuTime();
            System.out.printf("stream %d ms, bare parse %d ms, Parser.parse %d ms%n", (cs - c0) / 1_000_000, (c1 - cs) / 1_000_000, (c2 - c1) / 1_000_000);
        }
    }
}
