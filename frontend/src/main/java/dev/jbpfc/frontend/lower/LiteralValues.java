package dev.jbpfc.frontend.lower;

import java.math.BigInteger;

/**
 * Values of integer and character literals as spelled ({@code 0x1fULL}, {@code '\n'}, {@code 'ab'}); sema has
 * typed them and reported bad ones, so this only decodes.
 */
final class LiteralValues {
    private LiteralValues() {}

    static long integer(String spelling) {
        String s = spelling.replace("'", "");
        int end = s.length();
        while (end > 0 && "uUlLzZ".indexOf(s.charAt(end - 1)) >= 0) end--;
        s = s.substring(0, end);
        if (s.startsWith("0x") || s.startsWith("0X")) return new BigInteger(s.substring(2), 16).longValue();
        if (s.startsWith("0b") || s.startsWith("0B")) return new BigInteger(s.substring(2), 2).longValue();
        if (s.length() > 1 && s.startsWith("0")) return new BigInteger(s.substring(1), 8).longValue();
        return new BigInteger(s).longValue();
    }

    /** A plain character constant's int value (multi-character constants as clang: big-endian packing). */
    static long character(String spelling) {
        int q = spelling.indexOf('\'');
        String body = spelling.substring(q + 1, spelling.length() - 1);
        long value = 0;
        int count = 0;
        boolean plain = q == 0;
        for (int i = 0; i < body.length(); ) {
            long c;
            char ch = body.charAt(i);
            if (ch != '\\') {
                c = ch;
                i++;
            } else {
                char n = body.charAt(i + 1);
                i += 2;
                switch (n) {
                    case 'n' -> c = 10;
                    case 't' -> c = 9;
                    case 'r' -> c = 13;
                    case 'a' -> c = 7;
                    case 'b' -> c = 8;
                    case 'f' -> c = 12;
                    case 'v' -> c = 11;
                    case 'e' -> c = 27;
                    case 'x' -> {
                        int j = i;
                        while (j < body.length() && Character.digit(body.charAt(j), 16) >= 0) j++;
                        c = Long.parseLong(body.substring(i, j), 16);
                        i = j;
                    }
                    default -> {
                        if (n >= '0' && n <= '7') {
                            int j = i - 1;
                            int k = j;
                            while (k < body.length() && k < j + 3 && body.charAt(k) >= '0' && body.charAt(k) <= '7') k++;
                            c = Long.parseLong(body.substring(j, k), 8);
                            i = k;
                        } else {
                            c = n;
                        }
                    }
                }
            }
            value = count == 0 ? c : (value << 8) | (c & 0xff);
            count++;
        }
        if (plain && count == 1) return (byte) value; // char is signed: '\xff' is -1
        return (int) value;
    }

    /** The bytes of adjacent narrow string literals, concatenated, without the terminating NUL; null if wide. */
    static byte[] string(java.util.List<String> pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String piece : pieces) {
            int q = piece.indexOf('"');
            String prefix = piece.substring(0, q);
            if (!prefix.isEmpty() && !prefix.equals("u8")) return null;
            String body = piece.substring(q + 1, piece.length() - 1);
            for (int i = 0; i < body.length(); ) {
                char ch = body.charAt(i);
                if (ch != '\\') {
                    byte[] utf8 = String.valueOf(ch).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (Character.isHighSurrogate(ch) && i + 1 < body.length()) {
                        utf8 = body.substring(i, i + 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        i++;
                    }
                    out.writeBytes(utf8);
                    i++;
                    continue;
                }
                int start = i;
                i += 2;
                char n = body.charAt(start + 1);
                if (n == 'x') {
                    int j = i;
                    while (j < body.length() && Character.digit(body.charAt(j), 16) >= 0) j++;
                    out.write((int) Long.parseLong(body.substring(i, j), 16));
                    i = j;
                } else if (n >= '0' && n <= '7') {
                    int j = start + 1, k = j;
                    while (k < body.length() && k < j + 3 && body.charAt(k) >= '0' && body.charAt(k) <= '7') k++;
                    out.write(Integer.parseInt(body.substring(j, k), 8));
                    i = k;
                } else {
                    out.write((int) character("'" + body.substring(start, start + 2) + "'") & 0xff);
                }
            }
        }
        return out.toByteArray();
    }
}
