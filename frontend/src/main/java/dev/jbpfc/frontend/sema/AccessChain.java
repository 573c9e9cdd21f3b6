package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.RecordType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The chain of member and array steps of an access expression, from its base pointer, as CO-RE relocations need
 * it. Example: for {@code a->b.c[3].d} with {@code struct A *a}:
 * <pre>
 * base = a (a pointer), steps = [Deref, Field(struct A, b), Field(struct B, c), Index(3), Field(struct C, d)]
 * access string "0:i(b):i(c):3:i(d)"    (the leading 0 is the pointer dereference)
 * </pre>
 * An anonymous struct/union on the way contributes its own Field step. For a dot access on an object
 * ({@code s.x.y}), {@code base} is the object expression and there is no Deref step. The chain stops at a
 * subscript of a pointer ({@code p[i].x} starts from {@code p} with an Index step counting as the dereference).
 */
public record AccessChain(Expr base, boolean baseIsPointer, List<Step> steps) {
    public sealed interface Step {}

    /** {@code *p} at the start of an arrow access (index 0 in the access string). */
    public record Deref() implements Step {}

    /** Member {@code index} of {@code record}. */
    public record FieldStep(RecordType record, int index, Field field) implements Step {}

    /** An array subscript; {@code constant} is its value when constant (CO-RE needs constant indices). */
    public record Index(Expr index, ConstValue constant, CType element) implements Step {}

    /** The chain of a checked member or subscript expression (null for any other expression). */
    public static AccessChain of(Expr e, SemanticModel model) {
        if (!(e instanceof Expr.Member) && !(e instanceof Expr.Index)) return null;
        List<Step> steps = new ArrayList<>();
        Expr cur = e;
        while (true) {
            if (cur instanceof Expr.Member m) {
                MemberAccess ma = model.memberOf(m);
                if (ma == null) return null;
                RecordType r = ma.record();
                List<Step> fields = new ArrayList<>();
                for (int idx : ma.path()) {
                    Field f = r.fields().get(idx);
                    fields.add(new FieldStep(r, idx, f));
                    if (f.isAnonymousRecord()) r = f.type.asRecord();
                }
                Collections.reverse(fields);
                steps.addAll(fields);
                if (m.arrow) {
                    steps.add(new Deref());
                    Collections.reverse(steps);
                    return new AccessChain(m.base, true, steps);
                }
                cur = m.base;
            } else if (cur instanceof Expr.Index ix) {
                Expr arrayExpr = ix.base.type != null && (ix.base.type.isArray() || ix.base.type.isPointer())
                        ? ix.base : ix.index;
                Expr indexExpr = arrayExpr == ix.base ? ix.index : ix.base;
                steps.add(new Index(indexExpr, model.constantOf(indexExpr), ix.type));
                if (!arrayExpr.type.isArray()) { // subscript of a pointer: the chain starts at the pointer
                    Collections.reverse(steps);
                    return new AccessChain(arrayExpr, true, steps);
                }
                cur = arrayExpr;
            } else {
                Collections.reverse(steps);
                return new AccessChain(cur, false, steps);
            }
        }
    }
}
