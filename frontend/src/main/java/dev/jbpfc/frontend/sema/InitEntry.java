package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.Field;

/**
 * One scalar (or whole-record, or string) piece of a checked initializer, flattened: write {@code value}, converted
 * to {@code type}, at {@code byteOffset} from the start of the object; {@code bitfield} is the member when the
 * target is a bit-field (its {@link Field#bitOffset()} is relative to the innermost record, so the entry's
 * {@code bitOffset} gives the absolute bit position). {@code stringBytes} is set (and value is the literal) when a
 * string literal initializes a char array: copy that many bytes (already truncated or NUL-padded to the array).
 * Bytes not covered by any entry are zero.
 */
public record InitEntry(long byteOffset, long bitOffset, CType type, Expr value, Field bitfield, byte[] stringBytes) {
}
