package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.types.CType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The undo log of the file-scope state of an analysis, so that the next input of a batch can take the state as it
 * was after the leading declarations the two inputs share (see {@link AnalyzedPrefix}). Every change that a later
 * declaration can make to something an earlier one created is recorded here, as the action that reverts it:
 * a name declared in the file scope (remove it again, or put back what it hid), a struct completed
 * ({@link dev.jbpfc.frontend.types.RecordType#restorer}), a symbol redeclared (type, storage, attributes), an entry
 * put into the {@link SemanticModel}, a pragma pushed. {@link #undoTo} runs the actions after a mark, newest
 * first. Beside it, every {@link Expr#type} written, in order, so that a reused declaration's expressions get
 * back the types the parser cleared ({@link #retypeTo}).
 *
 * <p>Objects made after a mark need no undo of their own: once every link to them from older objects is undone
 * they are unreachable. Only a batch analysis keeps a trail; a single input runs without one.
 */
final class Trail {
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Expr> typedExprs = new ArrayList<>();
    private final List<CType> exprTypes = new ArrayList<>();

    /** Where the log stands now, for {@link #undoTo}. */
    int mark() { return undo.size(); }

    /** Where the expression-type log stands now, for {@link #retypeTo}. */
    int typeMark() { return typedExprs.size(); }

    void add(Runnable revert) { undo.add(revert); }

    void typed(Expr e, CType t) {
        typedExprs.add(e);
        exprTypes.add(t);
    }

    /** Reverts every change recorded after {@code mark}, newest first, and forgets them. */
    void undoTo(int mark) {
        for (int i = undo.size() - 1; i >= mark; i--) undo.remove(i).run();
    }

    /** Writes again the expression types recorded before {@code mark} and forgets those recorded after it. */
    void retypeTo(int mark) {
        for (int i = typedExprs.size() - 1; i >= mark; i--) {
            typedExprs.remove(i);
            exprTypes.remove(i);
        }
        for (int i = 0; i < mark; i++) typedExprs.get(i).type = exprTypes.get(i);
    }

    /**
     * An identity map of the {@link SemanticModel} whose puts are recorded while a trail is attached. Values are
     * never null in the model, so a put that returned null added the key and is undone by removing it.
     */
    static final class Map<K, V> extends IdentityHashMap<K, V> {
        Trail trail;

        Map() { }

        Map(int expectedSize) { super(expectedSize); }

        @Override
        public V put(K key, V value) {
            V old = super.put(key, value);
            if (trail != null) {
                trail.add(() -> {
                    if (old == null) Map.super.remove(key);
                    else Map.super.put(key, old);
                });
            }
            return old;
        }
    }
}
