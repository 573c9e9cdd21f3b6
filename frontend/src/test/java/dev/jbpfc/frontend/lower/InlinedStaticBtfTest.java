package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfKind;
import dev.jbpfc.btf.BtfReader;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.parse.Parser;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;
import dev.jbpfc.frontend.sema.Sema;
import dev.jbpfc.frontend.sema.SemanticModel;
import dev.jbpfc.ir.pass.PassPipeline;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A static function the optimiser inlines away gets no BTF FUNC, and the types only its prototype names are not
 * emitted either (clang-22 emits BTF for the functions it keeps); a static function that stays (noinline) and a
 * global one keep theirs. Without the optimiser every function stays and has its FUNC.
 */
class InlinedStaticBtfTest {
    static final String SOURCE = """
            struct only_in_inlined { int a; long b; };
            struct kept_arg { int x; };
            static inline int folded(struct only_in_inlined *p) { return p->a + 1; }
            static __attribute__((noinline)) int kept(struct kept_arg *k) { return k->x * 3; }
            int prog(struct kept_arg *k) { struct only_in_inlined o = { 1, 2 }; return folded(&o) + kept(k); }
            """;

    @Test
    void inlinedStaticHasNoFunc() throws Exception {
        Btf btf = lower(true);
        assertTrue(btf.find(BtfKind.FUNC, "folded").isEmpty(), "FUNC of the inlined static");
        assertTrue(btf.find(BtfKind.STRUCT, "only_in_inlined").isEmpty(), "a struct only its prototype names");
        assertEquals(1, btf.find(BtfKind.FUNC, "kept").size());
        assertEquals(1, btf.find(BtfKind.STRUCT, "kept_arg").size());
        assertEquals(1, btf.find(BtfKind.FUNC, "prog").size());
    }

    @Test
    void withoutTheOptimiserEveryFunctionHasItsFunc() throws Exception {
        Btf btf = lower(false);
        assertFalse(btf.find(BtfKind.FUNC, "folded").isEmpty());
        assertFalse(btf.find(BtfKind.FUNC, "kept").isEmpty());
    }

    private static Btf lower(boolean optimise) throws Exception {
        Path file = Files.createTempFile("inlined-static", ".c");
        Files.writeString(file, SOURCE);
        Diagnostics d = new Diagnostics(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<Token> tokens = new Preprocessor(PreprocessorOptions.fromArgs(List.of()), d).run(file);
        TranslationUnit tu = Parser.parse(tokens, d);
        SemanticModel model = Sema.analyze(tu, d);
        LoweredUnit lowered = Lowering.lower(tu, model, LowerOptions.defaults(), d,
                optimise ? m -> PassPipeline.forLevel("-O2").run(m) : m -> { });
        assertFalse(d.hasErrors());
        Files.delete(file);
        return BtfReader.read(lowered.btf().encode());
    }
}
