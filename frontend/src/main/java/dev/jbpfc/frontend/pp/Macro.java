package dev.jbpfc.frontend.pp;

import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceLocation;

/**
 * One macro definition. {@code paramIndex[i]} says which parameter body token {@code i} names (-1: none), so the
 * expander never compares strings. A macro is {@link #disabled} while its expansion is being rescanned: a use of
 * its name found then is painted blue for good ({@link Token#noExpand}), as C11 6.10.3.4p2 requires.
 */
final class Macro {
    /** Macros whose expansion the preprocessor computes rather than reads from a body. */
    enum Builtin {
        FILE, LINE, COUNTER, DATE, TIME, TIMESTAMP, BASE_FILE, FILE_NAME, INCLUDE_LEVEL,
        HAS_ATTRIBUTE, HAS_C_ATTRIBUTE, HAS_CPP_ATTRIBUTE, HAS_BUILTIN, HAS_FEATURE, HAS_EXTENSION,
        HAS_DECLSPEC_ATTRIBUTE, HAS_WARNING, IS_IDENTIFIER, IS_TARGET, HAS_INCLUDE, HAS_INCLUDE_NEXT, PRAGMA
    }

    final String name;
    final boolean functionLike;
    /** Parameter names; for a variadic macro the last is {@code __VA_ARGS__} or the GNU named one. */
    final String[] params;
    final boolean variadic;
    final Token[] body;
    final int[] paramIndex;
    final SourceLocation location;
    final Builtin builtin;
    boolean disabled;

    /**
     * One of 64 bits chosen by the name: a set of macros as a {@code long} that may hold others too (see
     * {@link ExpandedTokens#interiorLive}).
     */
    static long nameBit(String name) {
        return 1L << (name.hashCode() & 63);
    }

    Macro(String name, boolean functionLike, String[] params, boolean variadic, Token[] body,
          SourceLocation location) {
        this.name = name;
        this.functionLike = functionLike;
        this.params = params;
        this.variadic = variadic;
        this.body = body;
        this.location = location;
        this.builtin = null;
        this.paramIndex = new int[body.length];
        for (int i = 0; i < body.length; i++) {
            paramIndex[i] = -1;
            Token t = body[i];
            if (functionLike && t.kind == Token.Kind.IDENTIFIER) {
                for (int p = 0; p < params.length; p++) {
                    if (params[p].equals(t.text)) {
                        paramIndex[i] = p;
                        break;
                    }
                }
            }
        }
    }

    Macro(String name, Builtin builtin) {
        this.name = name;
        this.builtin = builtin;
        this.functionLike = false;
        this.params = new String[0];
        this.variadic = false;
        this.body = new Token[0];
        this.paramIndex = new int[0];
        this.location = null;
    }

    /**
     * Whether expanding {@code a} and {@code b} (either may be null: not defined) gives equal tokens: the same
     * builtin, or the same definition made at the same place ({@link HeaderExpansion}'s test for "the same state").
     */
    static boolean identical(Macro a, Macro b) {
        if (a == b) return true;
        if (a == null || b == null || a.builtin != b.builtin || !a.name.equals(b.name)) return false;
        if (a.builtin != null) return true;
        if (!a.sameDefinitionAs(b) || !java.util.Objects.equals(a.location, b.location)) return false;
        for (int i = 0; i < a.body.length; i++) {
            Token x = a.body[i];
            Token y = b.body[i];
            if (x.spaceBefore != y.spaceBefore || x.startOfLine != y.startOfLine || x.noExpand != y.noExpand
                    || !x.location.equals(y.location)) {
                return false;
            }
        }
        return true;
    }

    /** C11 6.10.3p2: a redefinition must be identical (same parameters, same tokens, same white space). */
    boolean sameDefinitionAs(Macro o) {
        if (builtin != null || o.builtin != null) return false;
        if (functionLike != o.functionLike || variadic != o.variadic || params.length != o.params.length) return false;
        for (int i = 0; i < params.length; i++) if (!params[i].equals(o.params[i])) return false;
        if (body.length != o.body.length) return false;
        for (int i = 0; i < body.length; i++) {
            Token a = body[i];
            Token b = o.body[i];
            if (!a.text.equals(b.text) || a.kind != b.kind) return false;
            if (i > 0 && a.spaceBefore != b.spaceBefore) return false;
        }
        return true;
    }
}
