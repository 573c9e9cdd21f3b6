package dev.jbpfc.frontend.ast;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helpers sema uses to read pragmas, on the spellings the preprocessor produces (tokens joined by spaces). */
class PragmaTest {
    @Test
    void attributePushNamesItsAttributes() {
        Pragma p = new Pragma("clang attribute push ( __attribute__ ( ( preserve_access_index ) ) , apply_to = record )", null);
        assertTrue(p.isAttributePush());
        assertFalse(p.isAttributePop());
        assertEquals(List.of("preserve_access_index"), p.pushedAttributeNames());
        assertTrue(new Pragma("clang attribute pop", null).isAttributePop());
    }

    @Test
    void loopHints() {
        assertTrue(new Pragma("unroll", null).isLoopHint());
        assertTrue(new Pragma("unroll 4", null).isLoopHint());
        assertTrue(new Pragma("nounroll", null).isLoopHint());
        assertTrue(new Pragma("clang loop unroll ( full )", null).isLoopHint());
        assertFalse(new Pragma("GCC diagnostic push", null).isLoopHint());
        assertFalse(new Pragma("unrolled_thing", null).isLoopHint());
    }

    @Test
    void attributeBaseNames() {
        assertEquals("aligned", new Attribute("__aligned__", List.of(), List.of(), null).baseName());
        assertTrue(new Attribute("section", List.of(), List.of(), null).is("section"));
        assertEquals("__", new Attribute("__", List.of(), List.of(), null).baseName());
    }
}
