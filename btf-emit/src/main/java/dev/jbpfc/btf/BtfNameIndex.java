package dev.jbpfc.btf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds types by kind and name in a large {@link Btf} (the kernel's vmlinux BTF has ~130,000 types; a linear scan
 * per lookup is too slow for a compiler that checks many CO-RE accesses against it).
 *
 * <p>Example: {@code new BtfNameIndex(BtfReader.read(Path.of("/sys/kernel/btf/vmlinux"))).find(BtfKind.STRUCT,
 * "task_struct")} lists the id of {@code struct task_struct}.
 */
public final class BtfNameIndex {
    private final Map<String, List<Integer>> ids = new HashMap<>();

    public BtfNameIndex(Btf btf) {
        List<BtfType> types = btf.types();
        for (int i = 0; i < types.size(); i++) {
            BtfType t = types.get(i);
            if (!t.name().isEmpty()) ids.computeIfAbsent(key(t.kind(), t.name()), k -> new ArrayList<>(1)).add(i + 1);
        }
    }

    /** Ids of the types of {@code kind} named {@code name}, in id order (empty when none). */
    public List<Integer> find(BtfKind kind, String name) {
        return List.copyOf(ids.getOrDefault(key(kind, name), List.of()));
    }

    /** The only type of {@code kind} named {@code name}, or 0 when there is none or more than one. */
    public int unique(BtfKind kind, String name) {
        List<Integer> l = ids.get(key(kind, name));
        return l != null && l.size() == 1 ? l.get(0) : 0;
    }

    private static String key(BtfKind kind, String name) {
        return kind.ordinal() + ":" + name;
    }
}
