package dev.jbpfc.backend;

/**
 * The BTF the frontend built (via btf-emit), handed to the backend so it lands in the object: the {@code .BTF}
 * bytes as they are, and a builder of {@code .BTF.ext} from the instruction offsets only the backend knows.
 */
public interface BtfSections {
    byte[] btf();

    /** The .BTF.ext section for these records, or null to emit none. */
    byte[] btfExt(BtfExtRecords records);
}
