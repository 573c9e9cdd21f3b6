package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Which of a builder's types an object carries, chosen as clang-22 chooses (LLVM's BTFDebug walk, checked with
 * {@code bpftool btf dump} on clang's objects): what its functions, variables, sections and CO-RE relocations reach,
 * except that a named struct or union reached through a pointer inside another struct's member is, in most
 * cases, a FWD. Without that rule a program including vmlinux.h would carry most of the kernel's types.
 *
 * <p>Worked example:
 * <pre>
 *   struct lk { int e; };  struct fp { int q; };  struct both { int q; };  struct c { int r; };
 *   struct s { struct lk *next; int (*cb)(struct fp *); struct both *b; const struct c *c1, *c2; };
 *   int f(struct s *x, struct both *b);
 * </pre>
 * FUNC f's parameters reach {@code s} and {@code both}: both in full. In {@code s}, {@code next} is a member
 * pointer, so {@code lk} is a FWD; {@code b} is one too, but the parameter reaches {@code both} anyway.
 * {@code cb}'s prototype reaches {@code fp} as a parameter, so in full. {@code c} is in full by clang's
 * bookkeeping: the first member of type {@code const struct c *} stops at the pointer, and the second finds that
 * type already visited and walks down to the first type not yet visited, {@code struct c}, checking only whether
 * that type's immediate referrer is a pointer (here it is the CONST).
 *
 * <p>The walk is clang's, in the same depth-first order, with two flags per step: {@code inMember} (the type is
 * a struct member's, through typedefs and qualifiers) and {@code behindPointer} (a PTR without btf_type_tag was
 * passed in a member's type). A named struct or union met with both flags set is wanted as a FWD and not walked;
 * a struct walked is kept in full, its members walked with {@code inMember}. Arrays' elements and prototypes'
 * parameters start afresh (both flags clear). A type met again is not walked again, except that when
 * {@code behindPointer} is clear its chain of typedefs, qualifiers and pointers is followed down to the first
 * type not yet walked, which is then walked (unless its referrer is a pointer, in member context, and it is a
 * named struct). A struct is a FWD when only FWD wishes reach it. Order matters for that second-visit rule, so
 * the roots come in clang's order: variables of the {@code .maps} section (whose key and value types are walked
 * afresh, see {@link #mapDefinition}), then functions with a body, CO-RE relocation types, the other
 * variables, extern functions. DECL_TAGs are kept when what they tag is kept in full.
 */
final class UsedTypes {
    /** What becomes of a type id: dropped, emitted as it is, or emitted as a FWD of the same name. */
    enum Fate { DROPPED, KEPT, FORWARD }

    private record Step(int id, boolean inMember, boolean behindPointer) {}

    private final List<BtfType> types;
    private final Fate[] fates;
    private final boolean[] walked;
    private final Deque<Step> work = new ArrayDeque<>();

    private UsedTypes(List<BtfType> types) {
        this.types = types;
        this.fates = new Fate[types.size() + 1];
        Arrays.fill(fates, Fate.DROPPED);
        this.walked = new boolean[types.size() + 1];
    }

    /**
     * The fate of each id of {@code types} (type id i+1 at index i; index 0 of the result is void);
     * {@code coreRoots} are the types of the CO-RE relocations.
     */
    static Fate[] of(List<BtfType> types, int[] coreRoots) {
        UsedTypes u = new UsedTypes(types);
        int n = types.size();
        for (int id = 1; id <= n; id++) {
            if (types.get(id - 1) instanceof Datasec d && d.name().equals(".maps")) {
                for (SecInfo v : d.vars()) {
                    u.fates[v.type()] = Fate.KEPT;
                    if (u.type(v.type()) instanceof Var var) u.mapDefinition(var.type());
                }
            }
        }
        for (int id = 1; id <= n; id++) {
            if (types.get(id - 1) instanceof Func f && f.linkage() != FuncLinkage.EXTERN) u.root(id);
        }
        for (int root : coreRoots) u.visit(root, false, false);
        for (int id = 1; id <= n; id++) if (types.get(id - 1) instanceof Var) u.root(id);
        for (int id = 1; id <= n; id++) if (types.get(id - 1) instanceof Func) u.root(id);
        for (int id = 1; id <= n; id++) if (types.get(id - 1) instanceof Datasec) u.fates[id] = Fate.KEPT;
        for (int id = 1; id <= n; id++) {
            if (types.get(id - 1) instanceof DeclTag tag && u.fates[tag.type()] == Fate.KEPT) u.fates[id] = Fate.KEPT;
        }
        return u.fates;
    }

    /**
     * A FUNC or VAR: kept, and its type walked afresh. A function with a body has its parameters' types walked
     * first, as clang walks the function's argument variables before its prototype.
     */
    private void root(int id) {
        fates[id] = Fate.KEPT;
        BtfType t = type(id);
        if (t instanceof Func f) {
            if (f.linkage() != FuncLinkage.EXTERN && type(f.protoType()) instanceof FuncProto fp) {
                for (Param p : fp.params()) visit(p.type(), false, false);
            }
            visit(f.protoType(), false, false);
        } else {
            visit(((Var) t).type(), false, false);
        }
    }

    /**
     * The type of a {@code .maps} variable, walked as clang walks map definitions: through typedefs, qualifiers,
     * pointers and arrays to the struct; in a struct, each member whose type is a struct, union, enum or array is
     * a map definition again (a map-in-map's inner map), and any other member's type (the {@code key} and
     * {@code value} pointers) is walked afresh, so a map's key and value structs are kept in full. Then the type
     * itself is walked as usual (its members, met again, are not walked again).
     */
    private void mapDefinition(int id) {
        if (id == 0 || walked[id]) return;
        BtfType t = type(id);
        int target = derivedTarget(t);
        if (target >= 0) mapDefinition(target);
        else if (t instanceof Array a) mapDefinition(a.elemType());
        else if (t instanceof Composite c && !c.union()) {
            for (Member m : c.members()) {
                BtfType mt = m.type() == 0 ? null : type(m.type());
                if (mt instanceof Composite || mt instanceof Enum32 || mt instanceof Enum64 || mt instanceof Array) mapDefinition(m.type());
                else visit(m.type(), false, false);
            }
        }
        visit(id, false, false);
    }

    /** clang's visitTypeEntry: walks {@code id} and everything it leads to, depth first, before returning. */
    private void visit(int id, boolean inMember, boolean behindPointer) {
        work.push(new Step(id, inMember, behindPointer));
        while (!work.isEmpty()) step(work.pop());
    }

    private void step(Step s) {
        int id = s.id();
        if (id == 0) return;
        BtfType t = type(id);
        if (walked[id]) {
            if (!s.inMember() || !s.behindPointer()) walkDown(id, s.inMember());
            return;
        }
        int target = derivedTarget(t);
        if (target >= 0) {
            boolean behind = s.behindPointer();
            if (s.inMember() && !behind) behind = t instanceof Ptr && !(target != 0 && type(target) instanceof TypeTag);
            walked[id] = true;
            fates[id] = Fate.KEPT;
            if (s.inMember() && behind && isForwardCandidate(target)) {
                wantForward(target);
                return;
            }
            work.push(new Step(target, s.inMember(), behind));
            return;
        }
        walked[id] = true;
        fates[id] = Fate.KEPT;
        if (t instanceof Composite c) {
            for (int i = c.members().size() - 1; i >= 0; i--) work.push(new Step(c.members().get(i).type(), true, false));
        } else if (t instanceof Array a) {
            work.push(new Step(a.indexType(), false, false));
            work.push(new Step(a.elemType(), false, false));
        } else if (t instanceof FuncProto fp) {
            for (int i = fp.params().size() - 1; i >= 0; i--) work.push(new Step(fp.params().get(i).type(), false, false));
            work.push(new Step(fp.returnType(), false, false));
        } else if (t instanceof Func f) {
            work.push(new Step(f.protoType(), false, false));
        } else if (t instanceof Var v) {
            work.push(new Step(v.type(), false, false));
        }
    }

    /**
     * A type met again: follows its chain of already walked typedefs, qualifiers, type tags and pointers down to
     * the first type not yet walked and walks that, unless (in member context) its nearest referrer other than a
     * type tag is a pointer and it is a named struct, which stays a FWD wish.
     */
    private void walkDown(int id, boolean inMember) {
        int d = id;
        int referrer = derivedTarget(type(d)) >= 0 ? d : -1;
        while (referrer >= 0) {
            int base = derivedTarget(type(d));
            if (base == 0) return;
            if (walked[base]) {
                if (derivedTarget(type(base)) < 0) return;
                if (!(type(base) instanceof TypeTag)) referrer = base;
                d = base;
                continue;
            }
            boolean behind = false;
            if (inMember && type(referrer) instanceof Ptr) {
                behind = true;
                if (isForwardCandidate(base)) {
                    wantForward(base);
                    return;
                }
            }
            work.push(new Step(base, inMember, behind));
            return;
        }
    }

    private void wantForward(int id) {
        if (fates[id] == Fate.DROPPED) fates[id] = Fate.FORWARD;
    }

    /** A named struct or union with members (clang's candidates for a FWD). */
    private boolean isForwardCandidate(int id) {
        return id != 0 && type(id) instanceof Composite c && !c.name().isEmpty();
    }

    /** The type a PTR, qualifier, typedef or type tag refers to; -1 for other kinds. */
    private static int derivedTarget(BtfType t) {
        if (t instanceof Ptr p) return p.type();
        if (t instanceof Qualifier q) return q.type();
        if (t instanceof Typedef td) return td.type();
        if (t instanceof TypeTag tt) return tt.type();
        return -1;
    }

    private BtfType type(int id) {
        return types.get(id - 1);
    }
}
