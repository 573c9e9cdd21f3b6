package dev.jbpfc.loophints.object;

/**
 * The bytes are not a relocatable 64-bit little-endian BPF ELF object this reader can trust: the message is one
 * line saying what is wrong and where ("section 7 (.BTF) runs past the end of the file: offset 4096 + size 900 >
 * 4500 bytes"), fit to follow {@code jbpfc: error: FILE: }.
 */
public final class ObjectFormatException extends Exception {
    public ObjectFormatException(String message) {
        super(message);
    }
}
