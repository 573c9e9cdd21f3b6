package dev.jbpfc.frontend.lex;

/**
 * Interns identifier spellings straight from a range of source text, so that lexing {@code task_struct} for the
 * ten-thousandth time allocates nothing, and later stages may compare names with {@code ==} as well as equals.
 * One interner is shared by every lexer of a compilation (the preprocessor owns it, or the {@code pp.HeaderCache}
 * of an invocation with many inputs). Not thread-safe.
 *
 * <p>The table starts with room for vmlinux.h's 62,000 distinct identifiers (it grows at half full), so that the
 * usual compile never rebuilds it.
 */
public final class Interner {
    private String[] table = new String[1 << 17];
    private int[] hashes = new int[1 << 17];
    private int size;

    /** The interned string equal to {@code text[start, end)}. */
    public String intern(char[] text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) h = 31 * h + text[i];
        int mask = table.length - 1;
        int slot = mix(h) & mask;
        int len = end - start;
        while (true) {
            String s = table[slot];
            if (s == null) break;
            if (hashes[slot] == h && s.length() == len && sameChars(s, text, start, len)) return s;
            slot = (slot + 1) & mask;
        }
        String s = new String(text, start, len);
        insert(slot, s, h);
        return s;
    }

    /** The interned string equal to {@code s}. */
    public String intern(String s) {
        int h = s.hashCode();
        int mask = table.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            String t = table[slot];
            if (t == null) break;
            if (hashes[slot] == h && t.equals(s)) return t;
            slot = (slot + 1) & mask;
        }
        insert(slot, s, h);
        return s;
    }

    private void insert(int slot, String s, int h) {
        table[slot] = s;
        hashes[slot] = h;
        if (++size * 2 > table.length) grow();
    }

    private void grow() {
        String[] oldTable = table;
        int[] oldHashes = hashes;
        table = new String[oldTable.length * 2];
        hashes = new int[oldTable.length * 2];
        int mask = table.length - 1;
        for (int i = 0; i < oldTable.length; i++) {
            if (oldTable[i] == null) continue;
            int slot = mix(oldHashes[i]) & mask;
            while (table[slot] != null) slot = (slot + 1) & mask;
            table[slot] = oldTable[i];
            hashes[slot] = oldHashes[i];
        }
    }

    private static boolean sameChars(String s, char[] text, int start, int len) {
        for (int i = 0; i < len; i++) if (s.charAt(i) != text[start + i]) return false;
        return true;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
