package dev.jbpfc.loophints.object;

/**
 * The bytes are not a relocatable 64-bit little-endian BPF ELF object this reader can trust: the message is one
 * line saying what is wrong and where ("section 7 (.BTF) runs past the end of the file: offset 4096 + size 900 >
 * 4500 bytes"), fit to follow {@code jbpfc: error: FILE: }.
 */
public final class ObjectFormatException extends Exception {
    public ObjectFormatException(String message) {
        super(oneLine(message));
    }

    /** Names in messages come from the object itself: a control character in one must not break the line. */
    private static String oneLine(String message) {
        if (message == null || message.isBlank()) return "malformed object";
        StringBuilder b = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
