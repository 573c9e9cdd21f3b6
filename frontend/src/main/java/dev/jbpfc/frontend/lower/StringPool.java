package dev.jbpfc.frontend.lower;

import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * String literals whose address is taken ({@code const char *s = "one";}, {@code bpf_printk("x=%d", x)} through
 * a pointer) become local globals in {@code .rodata.str1.1}, the mergeable-strings section clang-22 uses for BPF:
 * <pre>
 *   const char *names[] = {"a", "bc"};
 *   global static @.str size 2 align 1 section ".rodata.str1.1" data "a\00"
 *   global static @.str.1 size 3 align 1 section ".rodata.str1.1" data "bc\00"
 *   global global @names size 16 align 8 section ".data" reloc 0 @.str reloc 8 @.str.1
 * </pre>
 * Equal literals share one global. (A literal that initializes a char array is copied into the array instead.)
 * A new literal's name is made unique by the unit ({@link UnitContext#uniqueName}), whose suffixes count static
 * locals' too, as clang's do.
 */
final class StringPool {
    private final Module module;
    private final Map<ByteBuffer, String> names = new HashMap<>();
    private final UnaryOperator<String> uniqueName;

    StringPool(Module module, UnaryOperator<String> uniqueName) {
        this.module = module;
        this.uniqueName = uniqueName;
    }

    /** The global holding {@code bytes} (the literal's bytes including its terminating NUL). */
    String symbolFor(byte[] bytes) {
        ByteBuffer key = ByteBuffer.wrap(bytes.clone());
        String known = names.get(key);
        if (known != null) return known;
        String name = uniqueName.apply(".str");
        Global g = new Global(name, bytes.length, 1, ".rodata.str1.1", Linkage.STATIC);
        g.setData(bytes);
        module.globals().add(g);
        names.put(key, name);
        return name;
    }
}
