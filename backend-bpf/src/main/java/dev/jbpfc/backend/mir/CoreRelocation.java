package dev.jbpfc.backend.mir;

import dev.jbpfc.ir.CoreKind;

/** A CO-RE relocation attached to the instruction that holds the patched constant (for .BTF.ext core_relo). */
public record CoreRelocation(CoreKind kind, int btfTypeId, String accessString) {}
