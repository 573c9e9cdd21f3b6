package dev.jbpfc.testsuite.difftest;

import java.util.List;

/**
 * An expression of a generated program. Every form is well defined for all operand values: arithmetic is done in
 * an unsigned type (no signed overflow), shift amounts are masked into range, a divisor of zero selects 0, array
 * indices are masked to the array's power-of-two length. {@link #type()} is the C type of the printed expression.
 */
public sealed interface Expr {
    CType type();

    /** A constant: printed as a cast hexadecimal literal. */
    record Lit(CType type, long value) implements Expr {
    }

    /** A local, parameter, input or loop counter. */
    record Var(CType type, String name) implements Expr {
    }

    record Cast(CType type, Expr e) implements Expr {
    }

    /** {@code op} is one of + - * & | ^ / % << >>, done in {@code type} (unsigned int or unsigned long long). */
    record Arith(String op, CType type, Expr a, Expr b) implements Expr {
    }

    /** Arithmetic shift right of a signed value by a constant in range. */
    record SignedShr(CType type, Expr a, int amount) implements Expr {
    }

    /** A comparison of both operands converted to {@code in}; the result is an int 0 or 1. */
    record Cmp(String op, CType in, Expr a, Expr b) implements Expr {
        public CType type() {
            return CType.S32;
        }
    }

    /** {@code &&} or {@code ||}: an int 0 or 1. */
    record Logic(String op, Expr a, Expr b) implements Expr {
        public CType type() {
            return CType.S32;
        }
    }

    record Cond(CType type, Expr c, Expr a, Expr b) implements Expr {
    }

    record Call(Func f, List<Expr> args) implements Expr {
        public CType type() {
            return f.ret();
        }
    }

    /** {@code array[(unsigned)(index) & (length - 1)]}. */
    record Index(CType type, String array, int length, Expr index) implements Expr {
    }

    /** {@code var.field} of a local struct. */
    record Field(CType type, String var, String field) implements Expr {
    }
}
