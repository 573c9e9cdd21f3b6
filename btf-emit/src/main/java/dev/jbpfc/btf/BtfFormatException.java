package dev.jbpfc.btf;

/** Malformed .BTF or .BTF.ext bytes (bad magic, a record running past its section, a bad string offset...). */
public final class BtfFormatException extends IllegalArgumentException {
    public BtfFormatException(String message) {
        super(message);
    }
}
