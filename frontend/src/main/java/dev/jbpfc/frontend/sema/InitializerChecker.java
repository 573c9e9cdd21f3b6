package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.InitList;
import dev.jbpfc.frontend.ast.Initializer;
import dev.jbpfc.frontend.types.ArrayType;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.RecordType;
import dev.jbpfc.frontend.types.TypePrinter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks an initializer against the object's type (C11 6.7.9) and flattens it into {@link InitEntry}s at byte
 * offsets. Handles designators ({@code .a.b = 1}, {@code [2] = x}, GNU ranges {@code [1 ... 3] = 0}), brace elision
 * ({@code struct { int a[2]; int b; } s = {1, 2, 3}} fills a[0], a[1], b), strings initializing char arrays, and
 * arrays of unknown size getting their size from the initializer ({@code int a[] = {1, 2}} is {@code int[2]}).
 * Example:
 * <pre>
 * struct { int a; char s[4]; } x = { .s = "hi", 7 };   // 7 has no designator: it goes after s... and is excess
 * struct { int a; char s[4]; } y = { 7, "hi" };        // entries: int 7 @0, string "hi\0\0" (4 bytes) @4
 * </pre>
 */
final class InitializerChecker {
    private final Sema sema;
    private List<InitEntry> entries;
    private boolean staticStorage;

    InitializerChecker(Sema sema) { this.sema = sema; }

    /** A position in a braced list's items. */
    private static final class Cursor {
        final List<InitList.Item> items;
        int pos;

        Cursor(List<InitList.Item> items) { this.items = items; }

        boolean hasNext() { return pos < items.size(); }

        InitList.Item peek() { return items.get(pos); }
    }

    /**
     * Checks {@code init} for an object of type {@code type} owned by {@code owner} (an ObjectSymbol or a compound
     * literal) and returns the type, completed when it was an array of unknown size.
     */
    CType check(Object owner, CType type, Initializer init, boolean staticStorage) {
        List<InitEntry> saved = entries;
        boolean savedStatic = this.staticStorage;
        entries = new ArrayList<>();
        this.staticStorage = staticStorage;
        try {
            CType result = type;
            ArrayType arr = type.asArray();
            if (arr != null && arr.length() == ArrayType.INCOMPLETE) {
                Expr single = init instanceof Expr e ? e
                        : ((InitList) init).items().size() == 1 && ((InitList) init).items().get(0).designators().isEmpty()
                        && ((InitList) init).items().get(0).value() instanceof Expr.StringLiteral sl ? sl : null;
                if (single instanceof Expr.StringLiteral s && isCharArray(arr)) {
                    byte[] b = Literals.string(s.pieces);
                    result = new ArrayType(arr.element(), b == null ? 1 : b.length + 1);
                    initialize(result, 0, init);
                } else if (init instanceof InitList list) {
                    // Fill an array of unbounded length; the highest index written gives the length.
                    ArrayType probe = new ArrayType(arr.element(), Long.MAX_VALUE / 4 / Math.max(1, arr.element().size()));
                    Cursor c = new Cursor(list.items());
                    long len = fillArray(probe, 0, c, true);
                    if (c.hasNext()) sema.diags.warning(c.peek().loc(), "excess elements in array initializer");
                    result = new ArrayType(arr.element(), len);
                } else {
                    sema.diags.error(init.loc(), "array initializer must be an initializer list");
                    result = new ArrayType(arr.element(), 1);
                }
            } else {
                initialize(result, 0, init);
            }
            sema.model.initializers.put(owner, entries);
            return result;
        } finally {
            entries = saved;
            this.staticStorage = savedStatic;
        }
    }

    /**
     * GNU: a compound literal of the object's own aggregate type initializes it like its braced list, also in static
     * storage ({@code static struct bpf_insn insns[] = { BPF_ST_MEM(...) }}, where the macro is a compound literal).
     */
    private boolean compoundLiteralInit(CType t, long offset, Expr e) {
        if (!(e instanceof Expr.CompoundLiteral cl) || !t.isAggregate()) return false;
        CType lt = sema.types.typeName(cl.typeName);
        if (lt.unqualified() != t.unqualified() && !(t.isArray()
                && dev.jbpfc.frontend.types.TypeRelations.compatibleUnqualified(lt, t))) return false;
        sema.setType(cl, lt);
        braced(t, offset, cl.init);
        return true;
    }

    private void initialize(CType type, long offset, Initializer init) {
        if (init instanceof InitList list) {
            braced(type, offset, list);
        } else {
            Expr e = (Expr) init;
            if (type.isAggregate()) {
                if (stringInit(type, offset, e) || compoundLiteralInit(type, offset, e)) return;
                CType vt = value(e);
                if (type.isRecord() && vt == type.unqualified()) {
                    add(offset, type, e, null);
                    return;
                }
                if (type.isArray()) {
                    sema.diags.error(e.loc(), "array initializer must be an initializer list");
                    return;
                }
                sema.exprs.assignment(type, e, vt, ExprChecker.AssignContext.INIT, e.loc(), null);
                return;
            }
            scalar(type, offset, e, null, 0);
        }
    }

    private void braced(CType type, long offset, InitList list) {
        Cursor c = new Cursor(list.items());
        if (type.isArray()) {
            // A string in braces initializes a char array: char s[4] = {"abc"}.
            if (list.items().size() == 1 && list.items().get(0).designators().isEmpty()
                    && list.items().get(0).value() instanceof Expr.StringLiteral s && stringInit(type, offset, s)) {
                return;
            }
            fillArray(type.asArray(), offset, c, true);
        } else if (type.isRecord()) {
            fillRecord(type.asRecord(), offset, c, true);
        } else {
            if (list.items().isEmpty()) {
                return; // {} zero-initializes (C23, GNU)
            }
            InitList.Item first = list.items().get(0);
            if (!first.designators().isEmpty()) {
                sema.diags.error(first.loc(), "designator in initializer for scalar type " + TypePrinter.quoted(type));
                return;
            }
            initialize(type, offset, first.value());
            c.pos = 1;
        }
        if (c.hasNext()) {
            String what = type.isArray() ? "array" : type.isUnion() ? "union" : type.isRecord() ? "struct" : "scalar";
            sema.diags.warning(c.peek().loc(), "excess elements in " + what + " initializer");
        }
    }

    /** Fills array elements from the cursor; returns one past the highest index written. */
    private long fillArray(ArrayType a, long offset, Cursor c, boolean braced) {
        long maxIndex = 0;
        long index = 0;
        CType elem = a.element();
        long esize = elem.isComplete() ? elem.size() : 0;
        while (c.hasNext()) {
            InitList.Item item = c.peek();
            if (!item.designators().isEmpty()) {
                if (!braced) return maxIndex;
                c.pos++;
                InitList.Designator d = item.designators().get(0);
                if (!(d instanceof InitList.Index ix)) {
                    sema.diags.error(d.loc(), "field designator cannot initialize a non-struct, non-union type "
                            + TypePrinter.quoted(a));
                    continue;
                }
                BigInteger first = sema.exprs.integerConstant(ix.index(), "array designator");
                BigInteger last = ix.rangeEnd() == null ? first : sema.exprs.integerConstant(ix.rangeEnd(), "array designator");
                if (first == null || last == null) continue;
                if (a.length() >= 0 && last.longValue() >= a.length()) {
                    sema.diags.error(ix.loc(), "array designator index (" + last + ") exceeds array bounds ("
                            + a.length() + ")");
                    continue;
                }
                for (long i = first.longValue(); i <= last.longValue(); i++) {
                    designated(elem, offset + i * esize, item.designators().subList(1, item.designators().size()),
                            item.value(), i > first.longValue());
                }
                index = last.longValue() + 1;
                maxIndex = Math.max(maxIndex, index);
                continue;
            }
            if (a.length() >= 0 && index >= a.length()) return maxIndex;
            element(elem, offset + index * esize, c);
            index++;
            maxIndex = Math.max(maxIndex, index);
        }
        return maxIndex;
    }

    private void fillRecord(RecordType r, long offset, Cursor c, boolean braced) {
        List<Field> fields = r.fields();
        int index = 0;
        boolean unionDone = false;
        while (c.hasNext()) {
            InitList.Item item = c.peek();
            if (!item.designators().isEmpty()) {
                if (!braced) return;
                c.pos++;
                InitList.Designator d = item.designators().get(0);
                if (!(d instanceof InitList.Field fd)) {
                    sema.diags.error(d.loc(), "array designator cannot initialize non-array type "
                            + TypePrinter.quoted(r));
                    continue;
                }
                List<Integer> path = r.lookupPath(fd.name());
                if (path == null) {
                    sema.diags.error(fd.loc(), "field designator '" + fd.name() + "' does not refer to any field in type "
                            + TypePrinter.quoted(r));
                    continue;
                }
                // Walk anonymous members down to the named field.
                RecordType cur = r;
                long off = offset;
                Field f = null;
                for (int k = 0; k < path.size(); k++) {
                    f = cur.fields().get(path.get(k));
                    if (k < path.size() - 1) {
                        off += f.bitOffset() / 8;
                        cur = f.type.asRecord();
                    }
                }
                designatedField(f, off, item.designators().subList(1, item.designators().size()), item.value());
                index = path.get(0) + 1;
                unionDone = true;
                continue;
            }
            if (r.isUnionType() && unionDone) return;
            while (index < fields.size() && fields.get(index).name == null && fields.get(index).isBitfield()) index++;
            if (index >= fields.size()) return;
            Field f = fields.get(index);
            if (f.isBitfield()) {
                c.pos++;
                bitfield(f, offset, item.value());
            } else {
                if (f.type.isArray() && !f.type.isComplete()) return; // flexible array member: nothing to fill
                element(f.type, offset + f.bitOffset() / 8, c);
            }
            index++;
            if (r.isUnionType()) unionDone = true;
        }
    }

    /** Initializes one element/member of type {@code t} from the cursor, eliding braces when the item is not a list. */
    private void element(CType t, long offset, Cursor c) {
        InitList.Item item = c.peek();
        Initializer v = item.value();
        if (v instanceof InitList list) {
            c.pos++;
            braced(t, offset, list);
            return;
        }
        Expr e = (Expr) v;
        if (t.isAggregate()) {
            if (e instanceof Expr.StringLiteral && stringInit(t, offset, e)) {
                c.pos++;
                return;
            }
            if (e instanceof Expr.CompoundLiteral && compoundLiteralInit(t, offset, e)) {
                c.pos++;
                return;
            }
            if (t.isRecord()) {
                CType vt = value(e);
                if (vt == t.unqualified()) {
                    c.pos++;
                    add(offset, t, e, null);
                    return;
                }
            }
            if (t.isArray()) fillArray(t.asArray(), offset, c, false);
            else fillRecord(t.asRecord(), offset, c, false);
            return;
        }
        c.pos++;
        scalar(t, offset, e, null, 0);
    }

    private void designated(CType t, long offset, List<InitList.Designator> rest, Initializer value, boolean repeat) {
        if (rest.isEmpty()) {
            if (repeat && value instanceof Expr) {
                // A GNU range repeats the same expression; check it once, record it for every element.
                Expr e = (Expr) value;
                if (!t.isAggregate()) {
                    add(offset, t, e, null);
                    return;
                }
            }
            if (value instanceof InitList list) braced(t, offset, list);
            else if (t.isAggregate() && !(value instanceof Expr.StringLiteral && t.isArray())) {
                Cursor c = new Cursor(List.of(new InitList.Item(List.of(), value, value.loc())));
                element(t, offset, c);
            } else initialize(t, offset, value);
            return;
        }
        InitList.Item nested = new InitList.Item(rest, value, value.loc());
        Cursor c = new Cursor(List.of(nested));
        if (t.isArray()) fillArray(t.asArray(), offset, c, true);
        else if (t.isRecord()) fillRecord(t.asRecord(), offset, c, true);
        else sema.diags.error(rest.get(0).loc(), "designator in initializer for scalar type " + TypePrinter.quoted(t));
    }

    private void designatedField(Field f, long recordOffset, List<InitList.Designator> rest, Initializer value) {
        if (f.isBitfield() && rest.isEmpty() && value instanceof Expr e) {
            bitfield(f, recordOffset, e);
            return;
        }
        designated(f.type, recordOffset + f.bitOffset() / 8, rest, value, false);
    }

    private void bitfield(Field f, long recordOffset, Initializer value) {
        if (value instanceof InitList list) {
            if (list.items().isEmpty()) return;
            value = list.items().get(0).value();
        }
        scalar(f.type, recordOffset + f.bitOffset() / 8, (Expr) value, f, recordOffset * 8 + f.bitOffset());
    }

    private void scalar(CType t, long offset, Expr e, Field bitfield, long bitOffset) {
        CType vt = value(e);
        sema.exprs.assignment(t, e, vt, ExprChecker.AssignContext.INIT, e.loc(), null);
        if (bitfield != null) {
            entries.add(new InitEntry(bitOffset / 8, bitOffset, t, e, bitfield, null));
            constant(e);
        } else {
            add(offset, t, e, null);
        }
    }

    private void add(long offset, CType t, Expr e, byte[] bytes) {
        entries.add(new InitEntry(offset, offset * 8, t, e, null, bytes));
        if (bytes == null) constant(e);
    }

    /** In a static initializer every element must be constant. */
    private void constant(Expr e) {
        if (!staticStorage) return;
        if (e.type != null && e.type.isRecord()) {
            sema.diags.error(e.loc(), "initializer element is not a compile-time constant");
            return;
        }
        ConstValue v = sema.consts.evaluateRequired(e);
        if (v == null) {
            if (e instanceof Expr.CompoundLiteral) return;
            sema.diags.error(e.loc(), "initializer element is not a compile-time constant");
        }
    }

    /** A char array from a string literal: copies the bytes, truncated or NUL-padded to the array. */
    private boolean stringInit(CType t, long offset, Expr e) {
        ArrayType a = t.asArray();
        if (a == null || !(e instanceof Expr.StringLiteral s)) return false;
        CType el = a.element();
        if (!el.isInteger() || el.size() != 1) {
            if (el.isInteger()) {
                sema.diags.error(e.loc(), "initializing wide char array with non-wide string literal");
                return true;
            }
            return false;
        }
        sema.exprs.check(e);
        byte[] b = Literals.string(s.pieces);
        if (b == null) return true;
        long len = a.length();
        if (len >= 0 && b.length > len) {
            sema.diags.warning(e.loc(), "initializer-string for char array is too long");
        }
        int n = (int) (len >= 0 ? len : b.length + 1);
        add(offset, t, e, Arrays.copyOf(b, n));
        return true;
    }

    /** Checks an expression once and returns its value type (decayed). */
    private CType value(Expr e) {
        if (e.type == null) return sema.exprs.rvalue(e);
        CType t = e.type.unqualified();
        if (t instanceof ArrayType ar) return dev.jbpfc.frontend.types.PointerType.to(ar.element());
        if (t.isFunction()) return dev.jbpfc.frontend.types.PointerType.to(e.type);
        return t;
    }

    static boolean isCharArray(CType t) {
        ArrayType a = t.asArray();
        return a != null && a.element().isInteger() && a.element().size() == 1 && a.element() != IntegerType.BOOL;
    }
}
