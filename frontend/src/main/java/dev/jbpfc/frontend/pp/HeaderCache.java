package dev.jbpfc.frontend.pp;

import dev.jbpfc.frontend.lex.Interner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Header expansions kept from one input to the next of one invocation: when 100 BPF programs each include
 * {@code vmlinux.h} (2.8 MB), the first lexes and expands it and the other 99 take its tokens and macros, because
 * nothing they could depend on differs (see {@link HeaderExpansion} for what is compared and why that is exact).
 * <pre>
 *   HeaderCache cache = new HeaderCache();          // one per invocation, with a SharedSourceFiles
 *   options.sharedFiles = files; options.headerCache = cache;
 *   new Preprocessor(options, diags).run(a);        // records the headers it expands
 *   new Preprocessor(options, diags).run(b);        // reuses those whose recorded reads still hold
 * </pre>
 * It also owns the {@link Interner} of all those preprocessors, so that reused tokens and freshly lexed ones spell
 * the same identifier with the same String object. Needs {@link SharedSourceFiles} (the same SourceFile objects
 * for the same header, so that reused tokens carry the locations a fresh expansion would make); without it the
 * preprocessor records nothing. Not thread-safe: one input at a time.
 */
public final class HeaderCache {
    /** Different states (a macro the header tests defined differently) keep their own expansion, up to this many. */
    private static final int VARIANTS_PER_HEADER = 8;

    private final Interner interner = new Interner();
    private final Map<String, List<HeaderExpansion>> expansions = new HashMap<>();
    /** The header search path the expansions were made with; another one empties the cache. */
    private String searchPath;
    private int reused;

    Interner interner() { return interner; }

    /** How many includes, over all inputs so far, took a recorded expansion (tests, -ftime-report). */
    public int reusedExpansions() { return reused; }

    /** Starts a preprocessor's use of the cache: expansions made with another search path are forgotten. */
    void useWith(String searchPath) {
        if (!searchPath.equals(this.searchPath)) {
            expansions.clear();
            this.searchPath = searchPath;
        }
    }

    /** A recorded expansion of the header found at {@code path} in directory {@code dirIndex} that {@code fits}. */
    HeaderExpansion find(String path, int dirIndex, Predicate<HeaderExpansion> fits) {
        List<HeaderExpansion> list = expansions.get(key(path, dirIndex));
        if (list == null) return null;
        for (int i = list.size() - 1; i >= 0; i--) {
            HeaderExpansion e = list.get(i);
            if (fits.test(e)) {
                reused++;
                return e;
            }
        }
        return null;
    }

    void add(HeaderExpansion e) {
        List<HeaderExpansion> list = expansions.computeIfAbsent(key(e.path, e.dirIndex), k -> new ArrayList<>());
        if (list.size() == VARIANTS_PER_HEADER) list.remove(0);
        list.add(e);
    }

    private static String key(String path, int dirIndex) {
        return dirIndex + ":" + path;
    }
}
