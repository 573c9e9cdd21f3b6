package dev.jbpfc.testsuite.oracle;

import java.util.Map;

/**
 * A map's contents read back after a test run: every key of an array or hash map (per-CPU maps: the value is
 * every possible CPU's 8-byte-aligned slot, concatenated). Keys are lowercase hex of the key bytes.
 */
public record MapContents(String name, String type, int keySize, int valueSize, boolean percpu,
                          Map<String, byte[]> entries, boolean truncated) {

    /** The value stored under key, or null. */
    public byte[] get(byte[] key) {
        return entries.get(Hex.of(key));
    }

    /** For maps with 4-byte integer keys (arrays): the value at index as a little-endian integer (first 8 bytes). */
    public long longAt(int index) {
        byte[] v = get(Hex.le(index, 4));
        if (v == null) throw new IllegalArgumentException("map " + name + " has no key " + index);
        return Hex.leValue(v, 0, Math.min(8, valueSize));
    }
}
