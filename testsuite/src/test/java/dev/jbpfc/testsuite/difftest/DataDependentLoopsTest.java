package dev.jbpfc.testsuite.difftest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, last bullet: the differential campaign's programs get loops whose trip count comes from the data (a
 * variable in scope, masked or clamped to at most 16), next to constant-bound loops; each such loop is printed with
 * its count evaluated once into a variable of its own. (That the campaign runs and compares them in the kernel:
 * cli's DifferentialTest.dataDependentLoopsAreCompared.)
 */
class DataDependentLoopsTest {
    @Test
    void campaignProgramsHaveLoopsWithDataDependentTripCounts() {
        int programs = 300, withDataLoop = 0, withConstantLoop = 0;
        for (long seed = 1; seed <= programs; seed++) {
            Program p = ProgramGenerator.generate(seed, ProgramGenerator.Config.ci());
            List<Stmt.For> loops = new ArrayList<>(p.loops());
            for (Func f : p.funcs()) loops.addAll(Program.loopsIn(f.body()));
            boolean data = false, constant = false;
            String c = CPrinter.direct(p);
            for (Stmt.For l : loops) {
                if (!l.dataDependent()) {
                    constant = true;
                    assertTrue(c.contains(l.var() + " < " + l.bound() + ";"), "seed " + seed + ": " + l.var() + "\n" + c);
                    continue;
                }
                data = true;
                assertTrue(readsAVariable(l.count()), "seed " + seed + ": the count of " + l.var() + " is a constant");
                assertTrue(bounded(l.count()), "seed " + seed + ": the count of " + l.var() + " may exceed the bound: " + l.count());
                String head = "for (unsigned int " + l.var() + " = 0, " + l.countVar() + " = (unsigned int)(";
                assertTrue(c.contains(head), "seed " + seed + ": no '" + head + "' in\n" + c);
                assertTrue(c.contains(l.var() + " < " + l.countVar() + "; " + l.var() + "++"), c);
                assertEquals(ProgramGenerator.MAX_DATA_TRIPS, l.bound());
            }
            if (data) withDataLoop++;
            if (constant) withConstantLoop++;
        }
        System.out.println("of " + programs + " generated programs (Config.ci): " + withDataLoop
                + " with a data-dependent loop, " + withConstantLoop + " with a constant-bound loop");
        assertTrue(withDataLoop >= programs / 10, "only " + withDataLoop + " of " + programs + " programs have a data-dependent loop");
        assertTrue(withConstantLoop >= programs / 10, "only " + withConstantLoop + " of " + programs + " have a constant-bound loop");
    }

    /** The count is at most {@value ProgramGenerator#MAX_DATA_TRIPS}: a mask below it, or a clamp to a constant. */
    private static boolean bounded(Expr count) {
        if (count instanceof Expr.Arith x && x.op().equals("&") && x.b() instanceof Expr.Lit m) {
            return m.value() >= 0 && m.value() < ProgramGenerator.MAX_DATA_TRIPS;
        }
        return count instanceof Expr.Cond x && x.b() instanceof Expr.Lit most && x.a().equals(((Expr.Cmp) x.c()).a())
                && ((Expr.Cmp) x.c()).b().equals(most) && ((Expr.Cmp) x.c()).op().equals("<")
                && most.value() > 0 && most.value() <= ProgramGenerator.MAX_DATA_TRIPS;
    }

    private static boolean readsAVariable(Expr e) {
        if (e instanceof Expr.Var) return true;
        if (e instanceof Expr.Cast x) return readsAVariable(x.e());
        if (e instanceof Expr.Arith x) return readsAVariable(x.a()) || readsAVariable(x.b());
        if (e instanceof Expr.Cmp x) return readsAVariable(x.a()) || readsAVariable(x.b());
        if (e instanceof Expr.Cond x) return readsAVariable(x.c()) || readsAVariable(x.a()) || readsAVariable(x.b());
        return false;
    }
}
