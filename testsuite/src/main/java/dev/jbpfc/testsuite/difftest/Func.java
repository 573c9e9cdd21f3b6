package dev.jbpfc.testsuite.difftest;

import java.util.List;

/**
 * A generated helper function: pure (it reads its parameters only), noinline, static or global. One with more
 * than five parameters is printed as is for jbpfc and with a struct pointer parameter for clang (see
 * {@link CPrinter}).
 */
public record Func(String name, boolean global, CType ret, List<Param> params, List<Stmt> body, Expr result) {
    public record Param(CType type, String name) {
    }

    public boolean manyArgs() {
        return params.size() > 5;
    }

    public Func with(List<Stmt> newBody, Expr newResult) {
        return new Func(name, global, ret, params, newBody, newResult);
    }
}
