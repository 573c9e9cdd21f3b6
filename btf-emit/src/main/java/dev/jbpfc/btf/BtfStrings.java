package dev.jbpfc.btf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The BTF string section: NUL-terminated strings back to back, the empty string first at offset 0 (btf.rst 2.1).
 * Each distinct string is stored once; {@link #add} returns the offset of the existing copy. The same table serves
 * the .BTF.ext records (section names, file names, source lines, CO-RE access strings), which is why it is shared
 * between {@link BtfBuilder} and {@link BtfExtBuilder}.
 *
 * <p>Example: add("int") = 1, add("foo") = 5, add("int") = 1 again; the bytes are {@code \0int\0foo\0}.
 */
public final class BtfStrings {
    private final Map<String, Integer> offsets = new HashMap<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public BtfStrings() {
        offsets.put("", 0);
        bytes.write(0);
    }

    /**
     * A table that starts as an existing string section, byte for byte (duplicates included: the first copy of each
     * string is the one {@link #add} returns), so records re-encoded against it keep their offsets.
     */
    public static BtfStrings wrap(byte[] section) {
        if (section.length == 0 || section[0] != 0 || section[section.length - 1] != 0)
            throw new BtfFormatException("a BTF string section starts with the empty string and ends with NUL");
        BtfStrings s = new BtfStrings();
        s.bytes.write(section, 1, section.length - 1);
        int start = 1;
        for (int i = 1; i < section.length; i++) {
            if (section[i] != 0) continue;
            s.offsets.putIfAbsent(new String(section, start, i - start, StandardCharsets.UTF_8), start);
            start = i + 1;
        }
        return s;
    }

    /** Offset of {@code s}, appending it when it is new. Strings must not contain NUL (they are C strings). */
    public int add(String s) {
        Integer known = offsets.get(s);
        if (known != null) return known;
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("BTF string contains NUL: " + s);
        int off = bytes.size();
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        bytes.write(0);
        offsets.put(s, off);
        return off;
    }

    /** Offset of a string already added, or -1. */
    public int find(String s) {
        return offsets.getOrDefault(s, -1);
    }

    /** Size in bytes of the section so far. */
    public int size() {
        return bytes.size();
    }

    /** Size of the table when a .BTF was last encoded from it, or -1 (see {@link BtfExtBuilder#encode}). */
    private int encodedSize = -1;

    void markEncoded() {
        encodedSize = bytes.size();
    }

    /** Whether a .BTF was encoded from this table and strings were added after it (they are missing from it). */
    public boolean grewSinceEncoded() {
        return encodedSize >= 0 && bytes.size() > encodedSize;
    }

    /** The section's bytes as they are now. */
    public byte[] toBytes() {
        return bytes.toByteArray();
    }
}
