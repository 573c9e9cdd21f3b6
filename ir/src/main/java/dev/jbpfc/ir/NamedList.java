package dev.jbpfc.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A module's list of functions, globals or externs, which passes and the lowering change directly (add, remove,
 * sort, clear), with a lookup by name that costs a hash probe instead of a walk of the list: the instruction
 * selector looks a symbol up for each address it takes, and with 64,000 functions a walk each was most of the
 * compile. The index is rebuilt on the first lookup after any change (ArrayList counts its structural changes
 * in {@code modCount}; {@link #set} is counted here), and finds the first element of a name, as the walk did.
 * An element renamed in place ({@code Function.setName}, which nothing calls today) is caught when found under
 * its old name (the index is rebuilt), not when looked up under its new one before the list changes again.
 */
final class NamedList<T> extends ArrayList<T> {
    private final Function<T, String> nameOf;
    private Map<String, T> index;
    private int indexedAt = -1;

    NamedList(Function<T, String> nameOf) {
        this.nameOf = nameOf;
    }

    @Override
    public T set(int i, T element) {
        modCount++;
        return super.set(i, element);
    }

    /** The first element named {@code name}, or null. */
    T find(String name) {
        if (index == null || indexedAt != modCount) {
            index = new HashMap<>(size() * 2);
            for (T t : this) index.putIfAbsent(nameOf.apply(t), t);
            indexedAt = modCount;
        }
        T found = index.get(name);
        if (found != null && !nameOf.apply(found).equals(name)) {
            indexedAt = -1;
            return find(name);
        }
        return found;
    }
}
