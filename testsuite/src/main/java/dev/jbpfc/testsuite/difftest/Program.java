package dev.jbpfc.testsuite.difftest;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated XDP program: struct types, helper functions (each may call the ones before it), and the body of the
 * XDP entry point, which first reads {@link #inputs()} from the packet, then runs {@link #body()}, then returns
 * {@link #result()} converted to int. The seed it was generated from travels with it.
 */
public record Program(long seed, List<StructDef> structs, List<Func> funcs, List<Input> inputs, List<Stmt> body,
                      Expr result) {
    /** An input variable read from the packet at a naturally aligned offset. */
    public record Input(CType type, String name, int offset) {
    }

    /** Bytes of packet the program reads and writes (checked against data_end once). */
    public static final int PACKET_BYTES = 64;
    /** Slots of the array map {@code out}. */
    public static final int MAP_SLOTS = 8;

    /** The loops of the entry point's body, outer loops before the loops inside them. */
    public List<Stmt.For> loops() {
        return loopsIn(body);
    }

    /** The loops of a statement list, outer loops before the loops inside them. */
    public static List<Stmt.For> loopsIn(List<Stmt> stmts) {
        List<Stmt.For> out = new ArrayList<>();
        for (Stmt s : stmts) {
            if (s instanceof Stmt.For x) {
                out.add(x);
                out.addAll(loopsIn(x.body()));
            } else if (s instanceof Stmt.If x) {
                out.addAll(loopsIn(x.then()));
                out.addAll(loopsIn(x.otherwise()));
            } else if (s instanceof Stmt.Switch x) {
                for (Stmt.Switch.Case c : x.cases()) out.addAll(loopsIn(c.body()));
                out.addAll(loopsIn(x.otherwise()));
            }
        }
        return out;
    }

    public Program with(List<Func> newFuncs, List<Stmt> newBody, Expr newResult) {
        return new Program(seed, structs, newFuncs, inputs, newBody, newResult);
    }
}
