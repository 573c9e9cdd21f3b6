package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * CO-RE access strings (llvm_reloc.rst, "CO-RE Relocation Record"): colon-separated indices that locate what a
 * relocation is about, starting from its root type.
 *
 * <ul>
 * <li>field relocations: the first index treats the root pointer as an array ({@code s->x} is element 0), then one
 *     index per step: a member's position in its struct or union (anonymous members count), or an array element.
 *     For {@code struct sample { int a; int b; struct { int c[10]; }; } *s}: {@code s->b} is "0:1",
 *     {@code s[1].c[5]} is "1:2:0:5" (element 1, anonymous member 2, member c = 0, element 5);
 * <li>type relocations: "0";
 * <li>enumerator relocations: the enumerator's index in its enum ("1" for V in {@code enum bar { U, V }}).
 * </ul>
 * Built with {@code CoreAccessString.field(0).member(2).member(0).element(5).toString()}, or {@link #of}.
 */
public final class CoreAccessString {
    private final List<Integer> indices = new ArrayList<>();

    private CoreAccessString(int first) {
        indices.add(check(first));
    }

    /** Starts a field path at element {@code index} of the root pointer (0 for {@code p->...}). */
    public static CoreAccessString field(int index) {
        return new CoreAccessString(index);
    }

    /** Steps into member number {@code index} of the current struct or union. */
    public CoreAccessString member(int index) {
        indices.add(check(index));
        return this;
    }

    /** Steps to element {@code index} of the current array. */
    public CoreAccessString element(int index) {
        indices.add(check(index));
        return this;
    }

    public int[] indices() {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return of(indices());
    }

    /** "i0:i1:...". */
    public static String of(int... indices) {
        if (indices.length == 0) throw new IllegalArgumentException("an access string has at least one index");
        StringBuilder sb = new StringBuilder();
        for (int i : indices) {
            if (sb.length() > 0) sb.append(':');
            sb.append(check(i));
        }
        return sb.toString();
    }

    /** The access string of every type-based relocation. */
    public static String forType() {
        return "0";
    }

    /** The access string of an enumerator relocation: the enumerator's index in its enum. */
    public static String forEnumerator(int index) {
        return of(index);
    }

    /** The indices of an access string; throws BtfFormatException for anything but non-negative decimal numbers joined by ':'. */
    public static int[] parse(String access) {
        String[] parts = access.split(":", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || !parts[i].chars().allMatch(Character::isDigit) || parts[i].length() > 9)
                throw new BtfFormatException("bad CO-RE access string '" + access + "'");
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    /**
     * Position of member {@code name} in the struct or union {@code typeId} after skipping typedefs and qualifiers,
     * looked up in {@code types} (a {@link BtfBuilder}'s or a {@link Btf}'s {@code type} method); -1 when absent.
     * Members inside anonymous struct/union members are not searched: their path goes through the anonymous
     * member's own index first.
     */
    public static int memberIndex(IntFunction<BtfType> types, int typeId, String name) {
        BtfType t = skipModifiers(types, typeId);
        if (!(t instanceof Composite c)) throw new IllegalArgumentException("type " + typeId + " is not a struct or union: " + t);
        for (int i = 0; i < c.members().size(); i++) if (c.members().get(i).name().equals(name)) return i;
        return -1;
    }

    /**
     * A CO-RE relocation in the words llvm-objdump uses after {@code CO-RE <kind>}, for dumps and diagnostics:
     * <pre>
     *   [2] struct foo::b (0:1)                      field b (member 1), root pointer element 0
     *   [2] struct foo::[2].&lt;anon 2&gt;.c[5] (2:2:0:5)    element 2, anonymous member 2, member c, element 5
     *   [8] typedef anon_t::y (0:1)                  the root named through a typedef
     *   [2] struct foo                               a type relocation
     *   [15] enum sgn::NEG = -3                      an enumerator relocation
     *   [5] struct &lt;anon 5&gt;                           an anonymous root is named by its type id
     *   [3] int, [1] &lt;anon 1&gt;                          kinds other than struct/union/enum/typedef go unnamed
     * </pre>
     * Throws BtfFormatException when the access string does not fit the types.
     */
    public static String describe(IntFunction<BtfType> types, int typeId, String access, CoreReloKind kind) {
        BtfType root = types.apply(typeId);
        if (root == null) throw new BtfFormatException("a CO-RE relocation rooted at void");
        StringBuilder sb = new StringBuilder("[").append(typeId).append("] ");
        String word = kindWord(root); // only struct, union, enum and typedef are named by their kind: "[3] int", "[1] <anon 1>"
        if (word != null) sb.append(word).append(' ');
        sb.append(root.name().isEmpty() ? "<anon " + typeId + ">" : root.name());
        int[] idx = parse(access);
        switch (kind.group) {
            case TYPE:
                return sb.toString();
            case ENUM: {
                BtfType e = skipModifiers(types, typeId);
                List<EnumValue> values = e instanceof Enum32 e32 ? e32.values() : e instanceof Enum64 e64 ? e64.values() : null;
                if (values == null || idx.length != 1 || idx[0] >= values.size())
                    throw new BtfFormatException("enumerator access '" + access + "' does not fit " + e);
                EnumValue v = values.get(idx[0]);
                boolean signed = e instanceof Enum32 e32 ? e32.signed() : ((Enum64) e).signed();
                String value = e instanceof Enum32 ? (signed ? Integer.toString((int) v.value()) : Integer.toUnsignedString((int) v.value()))
                        : (signed ? Long.toString(v.value()) : Long.toUnsignedString(v.value()));
                return sb.append("::").append(v.name()).append(" = ").append(value).toString();
            }
            default: {
                sb.append("::");
                int pathStart = sb.length();
                if (idx[0] != 0) sb.append('[').append(idx[0]).append(']');
                BtfType cur = skipModifiers(types, typeId);
                for (int i = 1; i < idx.length; i++) {
                    if (cur instanceof Composite c) {
                        if (idx[i] >= c.members().size()) throw new BtfFormatException("access '" + access + "': member " + idx[i] + " of " + c);
                        Member m = c.members().get(idx[i]);
                        if (sb.length() > pathStart) sb.append('.');
                        sb.append(m.name().isEmpty() ? "<anon " + idx[i] + ">" : m.name());
                        cur = skipModifiers(types, m.type());
                    } else if (cur instanceof Array a) {
                        sb.append('[').append(idx[i]).append(']');
                        cur = skipModifiers(types, a.elemType());
                    } else {
                        throw new BtfFormatException("access '" + access + "' steps into " + cur);
                    }
                }
                return sb.append(" (").append(access).append(')').toString();
            }
        }
    }

    private static String kindWord(BtfType t) {
        if (t == null) return null;
        switch (t.kind()) {
            case STRUCT: return "struct";
            case UNION: return "union";
            case ENUM: case ENUM64: return "enum";
            case TYPEDEF: return "typedef";
            default: return null;
        }
    }

    /** {@code typeId} with TYPEDEF, CONST, VOLATILE, RESTRICT and TYPE_TAG layers removed. */
    public static BtfType skipModifiers(IntFunction<BtfType> types, int typeId) {
        BtfType t = types.apply(typeId);
        for (int guard = 0; guard < 1000; guard++) {
            if (t instanceof Typedef td) t = types.apply(td.type());
            else if (t instanceof Qualifier q) t = types.apply(q.type());
            else if (t instanceof TypeTag tt) t = types.apply(tt.type());
            else return t;
        }
        throw new IllegalArgumentException("typedef cycle at type " + typeId);
    }

    private static int check(int index) {
        if (index < 0) throw new IllegalArgumentException("negative CO-RE access index " + index);
        return index;
    }
}
