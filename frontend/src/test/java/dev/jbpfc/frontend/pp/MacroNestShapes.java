package dev.jbpfc.frontend.pp;

import java.util.List;

/**
 * Issue 14: ways to nest macro uses thousands deep, each a program {@link Shape#source(int)} at any depth. Shared
 * by {@link NestedMacroCostTest} (the growth of the expander's work, counted) and {@link MacroNestBenchmark} (CPU
 * and tokens read per depth). Each shape is one way an expanded argument can keep something rescanning might act
 * on: a function-like macro's name with no '(' after it, a chain of forwarding macros, '#' and '##' operands,
 * variable arguments, two macros taking turns.
 */
final class MacroNestShapes {
    private MacroNestShapes() {}

    /**
     * {@code defines}, then {@code int v = open^depth inner close^depth;}, where open and close take turns through
     * their variants (one variant: the same at every level).
     */
    record Shape(String name, String defines, List<String> opens, String inner, List<String> closes, String after) {
        String source(int depth) {
            StringBuilder sb = new StringBuilder(defines).append("int v = ");
            for (int i = 0; i < depth; i++) sb.append(opens.get(i % opens.size()));
            sb.append(inner);
            for (int i = depth - 1; i >= 0; i--) sb.append(closes.get(i % closes.size()));
            return sb.append(after).append(";\n").toString();
        }
    }

    private static Shape shape(String name, String defines, String open, String inner, String close) {
        return new Shape(name, defines, List.of(open), inner, List.of(close), "");
    }

    static final List<Shape> ALL = List.of(
            // The argument keeps a function-like macro's name that no '(' follows, after or before the parameter.
            shape("name-after-param", "#define G(y) y\n#define F(x) x G\n", "F(", "a", ")"),
            shape("name-before-param", "#define G(y) y\n#define F(x) G x\n", "F(", "a", ")"),
            // An object-like macro that expands to a function-like macro's name.
            shape("object-to-name", "#define G(y) y\n#define H G\n#define F(x) (x H)\n", "F(", "a", ")"),
            // The innermost argument is a function-like macro's name: every level's expansion ends in it, and the
            // '(' after the whole nest finally calls it.
            new Shape("name-at-end", "#define G(y) [y]\n#define F(x) x\n", List.of("F("), "G", List.of(")"), "(1)"),
            // Forwarding chains: F calls G calls H.
            shape("chain", "#define H(x) (x+1)\n#define G(x) H(x)\n#define F(x) G(x)\n", "F(", "a", ")"),
            // Two macros taking turns.
            new Shape("alternating", "#define F(x) (x+1)\n#define G(x) x*2\n", List.of("F(", "G("), "a",
                    List.of(")", ")"), ""),
            // '##' on an argument that is itself expanded, through the usual indirection.
            shape("paste", "#define CAT(a,b) a##b\n#define XCAT(a,b) CAT(a,b)\n#define F(x) XCAT(p, x)\n", "F(",
                    "a", ")"),
            // Variable arguments, forwarded whole and with __VA_OPT__.
            shape("va-args", "#define F(...) (__VA_ARGS__ + 1)\n", "F(", "a", ")"),
            shape("va-args-two", "#define F(x, ...) (x, __VA_ARGS__)\n", "F(", "a, b", ", b)"),
            shape("va-opt", "#define F(x, ...) x __VA_OPT__(+ __VA_ARGS__)\n", "F(", "a, b", ", b)"),
            // Variable arguments whose expansion holds top-level commas, forwarded to another macro.
            shape("va-commas", "#define G(...) __VA_ARGS__, 1\n#define F(...) G(__VA_ARGS__)\n", "F(", "a", ")"),
            // Every level on a line of its own.
            shape("lines", "#define G(x) (x+1)\n#define F(x) G(x)\n", "F(\n", "a", ")\n"),
            // More distinct function-like macros' names left in every argument than a short list would track.
            shape("many-names", "#define G(y) y\n#define F(x) x G1 G2 G3 G4 G5 G6\n"
                    + "#define G1(y) y\n#define G2(y) y\n#define G3(y) y\n#define G4(y) y\n#define G5(y) y\n"
                    + "#define G6(y) y\n", "F(", "a", ")"),
            // Names left live by one macro, painted in the rescan of the next: G's argument holds live Gs that its
            // expansion (G disabled) must paint, once each.
            new Shape("painted-by-next", "#define ID(y) y\n#define H G\n#define F(x) x H H\n#define G(y) ID(y)\n",
                    List.of("G(", "F("), "a", List.of(")", ")"), ""),
            // A call deferred by one rescan (DEFER(G)(x): G and its '(' meet only when F's expansion is rescanned
            // as the argument of the level around it), the idiom of recursive preprocessor metaprogramming.
            shape("deferred", "#define EMPTY()\n#define DEFER(m) m EMPTY()\n#define G(y) (y+1)\n"
                    + "#define F(x) DEFER(G)(x)\n", "F(", "a", ")"),
            // A deferred call left for the next level to make: each level's expansion ends in G (1), G live.
            shape("deferred-trailing", "#define EMPTY()\n#define DEFER(m) m EMPTY()\n#define G(y) (y+1)\n"
                    + "#define F(x) x DEFER(G)(1)\n", "F(", "a", ")"),
            // The same with the deferred call before the argument: the call is made inside the level around it.
            shape("deferred-leading", "#define EMPTY()\n#define DEFER(m) m EMPTY()\n#define G(y) (y+1)\n"
                    + "#define F(x) DEFER(G)(1) x\n", "F(", "a", ")"),
            // Two macros that call each other: the second call finds the first disabled and paints it.
            shape("mutual", "#define A(x) B(x)\n#define B(x) A(x)\n", "A(", "a", ")"),
            // Names made by '##' and by an object-like macro, then called.
            shape("paste-call", "#define CAT(a,b) a##b\n#define F1(x) (x+1)\n#define F(x) CAT(F,1)(x)\n", "F(", "a",
                    ")"),
            shape("object-call", "#define F1(x) (x+1)\n#define H F1\n#define F(x) H(x)\n", "F(", "a", ")"),
            // A use with two arguments nested in the first one.
            shape("first-of-two", "#define F(x, y) (x y)\n", "F(", "a", ", b)"),
            // Every level rescans once more, and each rescan makes one more step of a deferred recursion.
            new Shape("eval-steps", "#define ID(x) x\n#define EMPTY()\n#define DEFER(m) m EMPTY()\n"
                    + "#define STEP_I() STEP\n#define STEP(x) x DEFER(STEP_I)()(x)\n", List.of("ID("), "STEP(s)",
                    List.of(")"), ""),
            // A '(' from an object-like macro after a function-like macro's name: the call is made by the next
            // level's rescan, as with DEFER.
            shape("lparen-macro", "#define ID(y) [y]\n#define LP (\n#define F(x) ID LP x )\n", "F(", "a", ")"),
            // '#' of an argument at every level: level k's string spells the k levels inside it, so the output
            // itself grows as the square of the depth (through another macro, XS(x) S(x), it would double at every
            // level: each string escapes the quotes of the one inside).
            shape("stringify", "#define F(x) x + sizeof #x\n", "F(", "a", ")"));

    static Shape named(String name) {
        for (Shape s : ALL) if (s.name().equals(name)) return s;
        throw new IllegalArgumentException(name);
    }
}
