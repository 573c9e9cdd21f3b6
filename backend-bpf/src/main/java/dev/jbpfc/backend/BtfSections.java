package dev.jbpfc.backend;

import dev.jbpfc.backend.mir.CoreRelocation;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The BTF side of the object, as the backend sees it: the frontend built the types (with btf-emit); the backend
 * adds what only it knows (instruction offsets) and gets back the encoded {@code .BTF} and {@code .BTF.ext}.
 * {@link dev.jbpfc.backend.btf.BuilderBtfSections} implements it over btf-emit's builders.
 */
public interface BtfSections {
    /** Encodes .BTF and .BTF.ext (null when it has no records) once the records are known. */
    Encoded encode(BtfExtRecords records);

    /**
     * The value a CO-RE relocated constant has against the program's own BTF (libbpf checks that the instruction
     * holds it before patching in the kernel's value).
     */
    long coreLocalValue(CoreRelocation relocation);

    /**
     * {@code btfExtRelocations}: R_BPF_64_NODYLD32 at these .BTF.ext offsets against the named code sections.
     * {@code typeIds}: the final .BTF id of each type id handed out while compiling (types are renumbered when the
     * ones the object does not carry are dropped), for constants that hold a type id.
     */
    record Encoded(byte[] btf, byte[] btfExt, List<ExtRelocation> btfExtRelocations, IntUnaryOperator typeIds) {}

    record ExtRelocation(long offset, String section) {}
}
