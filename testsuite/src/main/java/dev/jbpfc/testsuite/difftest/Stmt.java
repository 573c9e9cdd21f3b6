package dev.jbpfc.testsuite.difftest;

import java.util.List;

/** A statement of a generated program. Lvalues are {@link Expr.Var}, {@link Expr.Index} or {@link Expr.Field}. */
public sealed interface Stmt {
    record Decl(CType type, String name, Expr init) implements Stmt {
    }

    /** {@code type name[length] = { init... };}, length a power of two. */
    record ArrayDecl(CType type, String name, List<Expr> init) implements Stmt {
    }

    /** {@code struct tag name = { init... };}: one initializer per field of the struct. */
    record StructDecl(StructDef struct, String name, List<Expr> init) implements Stmt {
    }

    /** {@code lhs = (lhs type)(value);} */
    record Assign(Expr lhs, Expr value) implements Stmt {
    }

    record If(Expr cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
    }

    /**
     * {@code for (unsigned int var = 0; var < bound; var++) body}, or, with a {@code count}, a loop whose trip count
     * comes from the data: {@code for (unsigned int var = 0, varn = (unsigned int)(count); var < varn; var++) body},
     * where {@code count} is at most {@code bound} (a variable masked or clamped), so both compilers' plain loops
     * stay within the verifier's reach.
     */
    record For(String var, int bound, Expr count, List<Stmt> body) implements Stmt {
        public boolean dataDependent() {
            return count != null;
        }

        /** The name of the variable that holds a data-dependent trip count. */
        public String countVar() {
            return var + "n";
        }
    }

    record Switch(Expr selector, List<Case> cases, List<Stmt> otherwise) implements Stmt {
        public record Case(long value, List<Stmt> body) {
        }
    }

    /** Stores a value into slot {@code slot} of the array map {@code out} (main program only). */
    record Store(int slot, Expr value) implements Stmt {
    }

    /** Writes a value into the packet at a constant, bounds-checked offset (main program only). */
    record PacketWrite(CType type, int offset, Expr value) implements Stmt {
    }
}
