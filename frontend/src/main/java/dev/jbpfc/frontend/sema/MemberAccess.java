package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.RecordType;

import java.util.List;

/**
 * What {@code base.m} / {@code base->m} resolved to: the record searched, the path of field indices from it to the
 * member (more than one index when the member sits in anonymous structs/unions), and the member itself.
 * {@code byteOffset} is the member's offset from the start of {@code record} (bit-fields: of their first byte;
 * lowering reads {@link Field#bitOffset()} for those). CO-RE lowering turns each index of the path into one entry of
 * the access string ({@code "0:2:1"}) when {@code record.preserveAccessIndex()} is set.
 */
public record MemberAccess(RecordType record, List<Integer> path, Field field, long bitOffset) {
    public long byteOffset() { return bitOffset / 8; }
}
