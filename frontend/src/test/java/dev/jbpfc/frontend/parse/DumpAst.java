package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.AstPrinter;
import dev.jbpfc.source.SourceFile;

import java.nio.file.Files;
import java.nio.file.Path;

/** Manual: java ... DumpAst FILE.i — prints the AST dump of a preprocessed file. */
public final class DumpAst {
    public static void main(String[] args) throws Exception {
        SourceFile f = new SourceFile(args[0], Files.readString(Path.of(args[0])));
        System.out.print(AstPrinter.print(Parser.parse(PreprocessedFile.tokens(f), new Diagnostics(System.err))));
    }
}
