package dev.jbpfc.frontend.pp;

import dev.jbpfc.source.WorkingDirectory;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.diag.Severity;
import dev.jbpfc.frontend.lex.Interner;
import dev.jbpfc.frontend.lex.Lexer;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.lex.Token.Kind;
import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The C preprocessor (C11 6.10) as clang-22 does it for {@code --target=bpf}: turns a main file into the C tokens
 * the parser reads, plus {@link Kind#PRAGMA} tokens for {@code #pragma} lines and {@code _Pragma} operators.
 * <pre>
 *   Preprocessor pp = new Preprocessor(options, diagnostics);
 *   List&lt;Token&gt; tokens = pp.run(Path.of("prog.c"));   // ends with an EOF token; check diagnostics.hasErrors()
 * </pre>
 *
 * <p>How it works. Tokens come from a stack of {@link Frame}s (macro expansions being rescanned) over a stack of
 * {@link FileFrame}s (the include stack). {@link #readRaw()} takes the next token from the top frame, or from the
 * current file when no frame is left, running directives as it meets them. {@link #next()} expands macros: an
 * object-like macro pushes its substituted body as a frame, during whose rescan the macro is disabled; a
 * function-like macro first collects its arguments (which may run past the end of the frames above, re-enabling
 * their macros, as clang does). An identifier naming a disabled macro is painted ({@link Token#noExpand}) and never
 * expands again. Arguments are fully expanded in isolation behind a barrier frame before substitution, unless they
 * are operands of {@code #} or {@code ##}. An expanded argument is an {@link ExpandedTokens} tree: substituted
 * without copying, taken whole when rescanned if nothing in it can expand (all but a last token that might, when
 * only its last can meet a '('), and taken whole into the arguments of a use it is read as ({@link ArgumentTokens}),
 * so nested uses cost time linear in their depth.
 *
 * <p>Files are read as ISO-8859-1, so each char of a token is one byte of the file, as C sees it. Errors are
 * reported through {@link Diagnostics}; a fatal error (a missing include) stops preprocessing, and {@link #run}
 * returns the tokens made so far.
 */
public final class Preprocessor {
    private static final Token BARRIER_END = new Token(Kind.EOF, "", null, false, true);
    /** {@link #nextOrExpanded}'s answer when a macro use produced no token yet. */
    private static final Token EXPANDED = new Token(Kind.EOF, "", null, false, true);
    private static final int MAX_INCLUDE_DEPTH = 200;

    private final PreprocessorOptions options;
    private final Diagnostics diags;
    private final Interner interner;
    private final HashMap<String, Macro> macros = new HashMap<>(8192);
    private final HeaderSearch search;
    private final Map<String, SourceFile> fileCache = new HashMap<>();
    private final Set<String> onceFiles = new HashSet<>();
    /** Files found to be wholly wrapped in {@code #ifndef X ... #endif}: their guard macro. */
    private final Map<String, String> guardMacros = new HashMap<>();
    private final Map<String, ArrayDeque<Macro[]>> pushedMacros = new HashMap<>();
    /** What {@code #line} said, per file: the line delta and the presumed file name. */
    private final Map<SourceFile, LineOverride> lineOverrides = new HashMap<>();
    private final List<Cond> conds = new ArrayList<>();

    /** Files that are system headers: found in a system directory, or marked by #pragma GCC system_header. */
    private final Set<SourceFile> systemFiles = new HashSet<>();

    /** For a macro use spread over lines: its name's location to its ')' (clang's __LINE__ is the ')' line). */
    private final Map<SourceLocation, SourceLocation> expansionEnds = new java.util.IdentityHashMap<>();

    private final Map<SourceFile, SourceFile> includers = new java.util.IdentityHashMap<>();

    /**
     * The files this run read or looked for successfully, in the order first met, as dependency files list them
     * (-MD): the main file, every header entered, skipped by a guard later or found by {@code __has_include}.
     * Keyed by canonical path, so one file spelled two ways is listed once, by its first spelling.
     */
    private final Map<String, Dependency> dependencies = new java.util.LinkedHashMap<>();

    /** One file of {@link #dependencies()}: its path as found, and whether a system directory held it (-MMD). */
    public record Dependency(String path, boolean system) {}

    private FileFrame file;
    private Frame top;
    private Token mainEof;
    private boolean inIfDirective;
    private String baseFile = "";
    private int counter;
    private final LocalDateTime startTime = LocalDateTime.now();

    record LineOverride(int delta, String name) {}

    /** Header expansions shared with the other inputs of the invocation, or null. */
    private final HeaderCache cache;
    /** The innermost header being recorded for the cache, or null. */
    private HeaderExpansion recording;
    /**
     * Readers of raw tokens other than the main loop in progress (macro arguments, operands of builtins): an
     * #include met then is not expanded on its own (its tokens become arguments), so it is neither recorded nor
     * replayed.
     */
    private int argumentReaders;
    /** The tokens made so far, during {@link #run}. */
    private List<Token> output;
    private int reusedExpansions;

    /** An open conditional ({@code #if} ... {@code #endif}). */
    private static final class Cond {
        final SourceLocation location;
        boolean taken;
        boolean sawElse;

        Cond(SourceLocation location, boolean taken) {
            this.location = location;
            this.taken = taken;
        }
    }

    /**
     * A token sequence being rescanned: a macro's substituted body, an argument expanded behind a barrier, or the
     * inside of an {@link ExpandedTokens} tree met in one of those. Items are {@link Token}s and trees.
     */
    private static final class Frame {
        final Object[] items;
        final int end;
        final Macro macro;
        final boolean barrier;
        final Frame below;
        /**
         * For a macro argument's raw tokens: {@code parenMatch[i]} is the index of the ')' closing the '(' at i (-1:
         * none), so collecting the arguments of a use nested in the argument skips its parentheses rather than
         * reading them again at every level. Null when not computed.
         */
        int[] parenMatch;
        /** The edit of the first token this frame gives ({@link ExpandedTokens#firstEdit}), for a tree's frame. */
        int pendingEdit = ExpandedTokens.KEEP;
        /** The tree whose items this frame reads, or null. */
        ExpandedTokens tree;
        int pos;

        Frame(Object[] items, int end, Macro macro, boolean barrier, Frame below) {
            this.items = items;
            this.end = end;
            this.macro = macro;
            this.barrier = barrier;
            this.below = below;
        }
    }

    /**
     * Count of changes to the macro table: an {@link ExpandedTokens} tree is taken whole only under the one it was
     * made.
     */
    private int macroEpoch;
    /** The {@link Macro#nameBit}s of the disabled macros, and how many disabled macros have each. */
    private long disabledNames;
    private final int[] disabledPerBit = new int[64];
    /**
     * The expander's work so far, for tests that bound its growth without a clock: tokens read before expansion
     * (from files and frames), trees entered, and items of trees taken whole (one per tree, or the items of the
     * rest of a tree, which are copied). Counting tokens alone missed shapes whose cost was in trees taken whole.
     */
    private long steps;

    private static final int GUARD_START = 0;
    private static final int GUARD_INSIDE = 1;
    private static final int GUARD_AFTER = 2;
    private static final int GUARD_NONE = 3;

    /** One file of the include stack. */
    private static final class FileFrame {
        final FileFrame parent;
        final SourceFile source;
        final Lexer lexer;
        /** Directory searched first by {@code #include "..."} from this file ("" = working directory). */
        final String dir;
        /** Index of the search directory the file was found in, -1 if none (for {@code #include_next}). */
        final int dirIndex;
        /** Canonical path (for #pragma once and guards), null for made-up buffers. */
        final String key;
        final int condBase;
        final int depth;
        /** The recording of this header's expansion for the cache, or null. */
        final HeaderExpansion recording;
        Token pending;
        int guardState;
        String guardMacro;
        int guardCond;

        FileFrame(FileFrame parent, SourceFile source, Lexer lexer, String dir, int dirIndex, String key,
                  int condBase, int depth, HeaderExpansion recording) {
            this.parent = parent;
            this.source = source;
            this.lexer = lexer;
            this.dir = dir;
            this.dirIndex = dirIndex;
            this.key = key;
            this.condBase = condBase;
            this.depth = depth;
            this.recording = recording;
            this.guardState = key == null ? GUARD_NONE : GUARD_START;
        }
    }

    /** Stops preprocessing after a fatal error. */
    private static final class FatalStop extends RuntimeException {
        FatalStop() { super(null, null, false, false); }
    }

    public Preprocessor(PreprocessorOptions options, Diagnostics diags) {
        this.options = options;
        this.diags = diags;
        this.search = new HeaderSearch(options);
        this.cache = options.sharedFiles == null ? null : options.headerCache;
        if (cache != null) cache.useWith(search.fingerprint());
        this.interner = cache != null ? cache.interner() : new Interner();
        defineBuiltins();
    }

    /** The interner shared by all lexers of this preprocessor (the parser may keep using it). */
    public Interner interner() { return interner; }

    /** Preprocesses {@code mainFile}: all its tokens after expansion, ending with one EOF token. */
    public List<Token> run(Path mainFile) {
        String path = mainFile.toString();
        SourceFile main = load(path);
        if (main == null) {
            diags.report(Severity.FATAL, null, "no such file or directory: '" + path + "'");
            List<Token> out = new ArrayList<>();
            out.add(new Token(Kind.EOF, "", new SourceLocation(new SourceFile(path, ""), 0), false, true));
            return out;
        }
        return run(main);
    }

    /**
     * Preprocesses a main file already in memory (standard input, a test): quoted includes are looked up next to
     * {@code main.path()} first, as for a file.
     */
    public List<Token> run(SourceFile main) {
        List<Token> out = new ArrayList<>();
        output = out;
        try {
            String path = main.path();
            baseFile = path;
            depend(path, false);
            pushFile(main, dirOf(path), -1, canonical(path), 0);
            pushFile(buffer("<command line>", commandLineText()), "", -1, null, 0);
            pushFile(buffer("<built-in>", PredefinedMacros.text(options)), "", -1, null, 0);
            while (true) {
                Token t = next();
                if (t.kind == Kind.EOF) {
                    if (file == null || t == BARRIER_END) break;
                    continue;
                }
                out.add(t);
            }
        } catch (FatalStop stop) {
            // already reported
        } finally {
            // Macros may be shared with other inputs (HeaderCache): none may stay disabled after an error stop.
            while (top != null) popFrame();
        }
        Token last = out.isEmpty() ? null : out.get(out.size() - 1);
        SourceLocation end = mainEof != null ? mainEof.location
                : last != null ? last.location : new SourceLocation(main, 0);
        out.add(new Token(Kind.EOF, "", end, false, true));
        return out;
    }

    /** Preprocesses a file and prints it as {@code clang -E} does. */
    public void runToText(Path mainFile, Appendable out) throws IOException {
        PreprocessedPrinter.print(run(mainFile), out, this::includerOf);
    }

    /** The expander's work so far ({@link #steps}), for cost tests. */
    long expansionSteps() { return steps; }

    /** How many includes took a previous input's expansion of the header from the {@link HeaderCache}. */
    public int reusedHeaderExpansions() { return reusedExpansions; }

    /**
     * What the last {@link #run} depended on (see {@link #dependencies}); jbpfc's own built-in headers are left
     * out, since no file of that name exists for make to check.
     */
    public List<Dependency> dependencies() {
        return List.copyOf(dependencies.values());
    }

    private void depend(String path, boolean system) {
        if (path.startsWith("<")) return;
        dependencies.putIfAbsent(canonical(path), new Dependency(path, system));
    }

    /** The file that first included {@code f} (null for the main file and made-up buffers). */
    public SourceFile includerOf(SourceFile f) {
        return includers.get(f);
    }

    private String commandLineText() {
        StringBuilder sb = new StringBuilder();
        for (PreprocessorOptions.MacroOption m : options.macros) {
            if (m.define()) sb.append("#define ").append(m.name()).append(' ').append(m.value()).append('\n');
            else sb.append("#undef ").append(m.name()).append('\n');
        }
        for (String inc : options.includes) {
            Path p = options.workingDirectory.resolve(inc);
            String name = options.files.isFile(p.toString()) && !options.workingDirectory.toString().isEmpty() ? p.toString() : inc;
            sb.append("#include \"").append(name).append("\"\n");
        }
        return sb.toString();
    }

    /** Reports a warning unless it comes from a system header (clang's default); returns whether it did. */
    private boolean warn(SourceLocation at, String message) {
        if (at != null && isSystemFile(expansionSite(at).file())) return false;
        diags.warning(at, message);
        return true;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Files

    private static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) return "";
        if (slash == 0) return "/";
        return path.substring(0, slash);
    }

    private static String canonical(String path) {
        if (path.startsWith("<")) return path;
        try {
            return WorkingDirectory.resolve(path).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            return path;
        }
    }

    private SourceFile buffer(String name, String text) {
        return options.sharedFiles == null ? new SourceFile(name, text) : options.sharedFiles.buffer(name, text);
    }

    private SourceFile load(String path) {
        String key = canonical(path);
        SourceFile cached = fileCache.get(key);
        if (cached != null && cached.path().equals(path)) return cached;
        SourceFile sf = options.sharedFiles == null ? read(path) : options.sharedFiles.file(path, () -> read(path));
        if (sf != null) fileCache.put(key, sf);
        return sf;
    }

    private SourceFile read(String path) {
        try {
            byte[] bytes = HeaderSearch.builtinHeader(path);
            if (bytes == null) bytes = options.files.read(path);
            return new SourceFile(path, new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void pushFile(SourceFile sf, String dir, int dirIndex, String key, int depth) {
        pushFile(sf, dir, dirIndex, key, depth, null);
    }

    private void pushFile(SourceFile sf, String dir, int dirIndex, String key, int depth, HeaderExpansion rec) {
        file = new FileFrame(file, sf, new Lexer(sf, interner), dir, dirIndex, key, conds.size(), depth, rec);
    }

    private void endFile(Token eof) {
        FileFrame f = file;
        while (conds.size() > f.condBase) {
            Cond c = conds.remove(conds.size() - 1);
            diags.error(c.location, "unterminated conditional directive");
        }
        if (f.guardState == GUARD_AFTER && f.key != null && f.guardMacro != null) setGuardMacro(f.key, f.guardMacro);
        if (f.recording != null) finishRecording(f.recording);
        file = f.parent;
        if (file == null) mainEof = eof;
    }

    /** A token that is not a directive was seen at file level: the file is not wholly guarded. */
    private static void noteGuardToken(FileFrame f) {
        if (f.guardState == GUARD_START || f.guardState == GUARD_AFTER) f.guardState = GUARD_NONE;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The state a header's expansion reads and writes, seen by the recordings in progress (HeaderExpansion)

    /** The macro named {@code name}, or null. */
    private Macro macro(String name) {
        Macro m = macros.get(name);
        if (recording != null) recording.readMacro(name, m);
        return m;
    }

    private boolean isDefined(String name) {
        return macro(name) != null;
    }

    /** Defines {@code name} as {@code m}, or undefines it when {@code m} is null. */
    private void setMacro(String name, Macro m) {
        if (m == null) macros.remove(name);
        else macros.put(name, m);
        macroEpoch++;
        if (recording != null) recording.wroteMacro(name, m);
    }

    private Object fact(HeaderExpansion.FactKey key) {
        Object subject = key.subject();
        switch (key.fact()) {
            case SYSTEM_FILE: return systemFiles.contains((SourceFile) subject);
            case PRAGMA_ONCE: return onceFiles.contains((String) subject);
            case GUARD_MACRO: return guardMacros.get((String) subject);
            default: return lineOverrides.get((SourceFile) subject);
        }
    }

    private Object readFact(HeaderExpansion.Fact fact, Object subject) {
        HeaderExpansion.FactKey key = new HeaderExpansion.FactKey(fact, subject);
        Object value = fact(key);
        if (recording != null) recording.readFact(key, value);
        return value;
    }

    private void writeFact(HeaderExpansion.FactKey key, Object value) {
        Object subject = key.subject();
        switch (key.fact()) {
            case SYSTEM_FILE: systemFiles.add((SourceFile) subject); break;
            case PRAGMA_ONCE: onceFiles.add((String) subject); break;
            case GUARD_MACRO: guardMacros.put((String) subject, (String) value); break;
            default: throw new IllegalStateException("a #line override is never replayed");
        }
        if (recording != null) recording.wroteFact(key, value);
    }

    private boolean isSystemFile(SourceFile f) {
        if (recording == null) return systemFiles.contains(f);
        return (Boolean) readFact(HeaderExpansion.Fact.SYSTEM_FILE, f);
    }

    private void markSystemFile(SourceFile f) {
        writeFact(new HeaderExpansion.FactKey(HeaderExpansion.Fact.SYSTEM_FILE, f), Boolean.TRUE);
    }

    private boolean isOnce(String key) {
        return (Boolean) readFact(HeaderExpansion.Fact.PRAGMA_ONCE, key);
    }

    private void markOnce(String key) {
        writeFact(new HeaderExpansion.FactKey(HeaderExpansion.Fact.PRAGMA_ONCE, key), Boolean.TRUE);
    }

    private String guardMacro(String key) {
        return (String) readFact(HeaderExpansion.Fact.GUARD_MACRO, key);
    }

    private void setGuardMacro(String key, String macro) {
        writeFact(new HeaderExpansion.FactKey(HeaderExpansion.Fact.GUARD_MACRO, key), macro);
    }

    private LineOverride lineOverride(SourceFile f) {
        if (recording == null) return lineOverrides.get(f);
        return (LineOverride) readFact(HeaderExpansion.Fact.LINE_OVERRIDE, f);
    }

    /** {@code header} is entered, at include depth {@code depth}, from {@code includer}. */
    private void entered(SourceFile header, SourceFile includer, int depth) {
        includers.putIfAbsent(header, includer);
        if (recording != null) {
            recording.entered(header, includer);
            recording.reachedDepth(depth);
        }
    }

    private int diagnosticCount() {
        return diags.errorCount() + diags.warningCount();
    }

    /** The end of a recorded header: its expansion goes to the cache unless it read or reported something. */
    private void finishRecording(HeaderExpansion e) {
        recording = e.outer;
        e.outer = null;
        if (e.uncacheable || diagnosticCount() != e.diagnosticsBefore) return;
        e.tokens = List.copyOf(output.subList(e.firstToken, output.size()));
        cache.add(e);
    }

    /** Whether including the header of {@code e} at {@code depth} now would run exactly as recorded. */
    private boolean canReuse(HeaderExpansion e, int depth) {
        if (depth + e.deepestNesting > MAX_INCLUDE_DEPTH) return false;
        for (Map.Entry<String, Macro> r : e.macrosRead.entrySet()) {
            if (!Macro.identical(macros.get(r.getKey()), r.getValue())) return false;
        }
        for (Map.Entry<HeaderExpansion.FactKey, Object> r : e.factsRead.entrySet()) {
            if (!java.util.Objects.equals(fact(r.getKey()), r.getValue())) return false;
        }
        return true;
    }

    /** Does what expanding the header of {@code e} would do now: its tokens out, its writes to the state. */
    private void replay(HeaderExpansion e, int depth) {
        reusedExpansions++;
        if (recording != null) {
            // The headers being recorded around this include read and write what it did.
            for (Map.Entry<String, Macro> r : e.macrosRead.entrySet()) recording.readMacro(r.getKey(), r.getValue());
            for (Map.Entry<HeaderExpansion.FactKey, Object> r : e.factsRead.entrySet()) {
                recording.readFact(r.getKey(), r.getValue());
            }
            recording.reachedDepth(depth + e.deepestNesting);
        }
        for (Map.Entry<String, Macro> w : e.macrosWritten.entrySet()) setMacro(w.getKey(), w.getValue());
        for (Map.Entry<HeaderExpansion.FactKey, Object> w : e.factsWritten.entrySet()) {
            writeFact(w.getKey(), w.getValue());
        }
        for (SourceFile[] inc : e.includes) {
            depend(inc[0].path(), systemFiles.contains(inc[0]));
            includers.putIfAbsent(inc[0], inc[1]);
            if (recording != null) recording.entered(inc[0], inc[1]);
        }
        output.addAll(e.tokens);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading tokens

    /** The next token of the current file, after running any directives; the file's EOF after popping it. */
    private Token fileToken() {
        while (true) {
            FileFrame f = file;
            if (f == null) return mainEof;
            Token t = f.pending;
            if (t != null) f.pending = null;
            else t = f.lexer.next();
            if (t.startOfLine && t.kind == Kind.PUNCT && t.text.equals("#")) {
                Token produced = directive(t);
                if (produced != null) return produced;
                continue;
            }
            if (t.kind == Kind.EOF) {
                endFile(t);
                return t;
            }
            if (f.guardState != GUARD_NONE && f.guardState != GUARD_INSIDE) noteGuardToken(f);
            return t;
        }
    }

    /** The next token before macro expansion: from the top frame, else from the file. */
    private Token readRaw() {
        steps++;
        while (true) {
            Frame f = top;
            if (f == null) return fileToken();
            if (f.pos < f.end) {
                Object o = f.items[f.pos++];
                int edit = f.pendingEdit;
                if (o instanceof Token t) {
                    if (edit == ExpandedTokens.KEEP) return t;
                    f.pendingEdit = ExpandedTokens.KEEP;
                    return ExpandedTokens.apply(edit, t);
                }
                enter((ExpandedTokens) o, f);
                continue;
            }
            if (f.barrier) return BARRIER_END;
            popFrame();
        }
    }

    /** Pushes a frame reading the tokens of {@code e}, just taken from frame {@code from}. */
    private void enter(ExpandedTokens e, Frame from) {
        int edit = ExpandedTokens.compose(from.pendingEdit, e.firstEdit);
        from.pendingEdit = ExpandedTokens.KEEP;
        steps++;
        top = new Frame(e.items, e.items.length, null, false, top);
        top.pendingEdit = edit;
        top.tree = e;
    }

    /**
     * The next item of the top frame when it is a tree that may be taken whole (see {@link ExpandedTokens}), else
     * null. A quiet tree whose last token is live gives all but that token, which is left in a frame of its own to
     * be rescanned (a '(' may follow it from outside the tree). A tree that may not be taken whole is entered, as
     * {@link #readRaw} would, and its first item is tried in turn: its subtrees may be taken whole although it
     * is not. Why: in {@code G(F(G(F(...))))} with {@code #define F(x) x H H}, {@code #define H G} and
     * {@code #define G(y) ID(y)}, every level's expansion ends in two live Gs that only the next G's expansion
     * paints; read token by token, every level read the levels inside it again. Once the tokens that made an
     * entered tree not quiet are read, the rest of it is taken whole ({@link ExpandedTokens#quietRest}). Why: in
     * {@code F(F(...))} with {@code #define F(x) DEFER(G)(1) x}, the G deferred by the level inside is called
     * with the first tokens of the tree of that level, whose rest was read token by token. Exhausted frames are
     * popped on the way, as {@link #readRaw} would.
     */
    private ExpandedTokens takeWhole() {
        while (true) {
            Frame f = top;
            if (f == null) return null;
            if (f.pos < f.end) {
                ExpandedTokens e;
                int next;
                ExpandedTokens in = f.tree;
                if (in != null && f.pos > 0 && f.pos >= in.quietFrom && f.end - f.pos >= 2 && in.epoch == macroEpoch
                        && (in.tailInteriorLive & disabledNames) == 0) {
                    e = in.quietRest(f.pos);
                    next = f.end;
                } else if (f.items[f.pos] instanceof ExpandedTokens sub) {
                    // A live token of a disabled macro would be painted by rescanning it.
                    if (!sub.quiet || sub.epoch != macroEpoch || (sub.interiorLive & disabledNames) != 0
                            || (sub.lastLive != null && sub.size < 2)) {
                        f.pos++;
                        enter(sub, f);
                        continue;
                    }
                    e = sub;
                    next = f.pos + 1;
                } else {
                    return null;
                }
                ExpandedTokens whole = e;
                if (e.lastLive != null) whole = e.withoutLast(macros::get);
                steps += next - f.pos;
                f.pos = next;
                int edit = f.pendingEdit;
                f.pendingEdit = ExpandedTokens.KEEP;
                if (whole != e) pushFrame(new Object[] {e.last}, 1, null, false);
                return whole.edited(edit);
            }
            if (f.barrier) return null;
            popFrame();
        }
    }

    private void popFrame() {
        Frame f = top;
        if (f.macro != null) {
            f.macro.disabled = false;
            int b = Long.numberOfTrailingZeros(Macro.nameBit(f.macro.name));
            if (--disabledPerBit[b] == 0) disabledNames &= ~(1L << b);
        }
        top = f.below;
    }

    private void pushFrame(Object[] items, int n, Macro macro, boolean barrier) {
        if (macro != null) {
            macro.disabled = true;
            int b = Long.numberOfTrailingZeros(Macro.nameBit(macro.name));
            if (disabledPerBit[b]++ == 0) disabledNames |= 1L << b;
        }
        top = new Frame(items, n, macro, barrier, top);
    }

    /**
     * A macro argument that lies whole in one frame's array, read in place rather than copied. Nested uses
     * ({@code F(F(F(...)))}, each argument expanded before it is substituted) would otherwise hold a copy of
     * every level's argument at once: quadratic memory in the depth (20,000 levels ran out of a 6 GB heap).
     */
    private static final class TokenRange extends java.util.AbstractList<Token> implements java.util.RandomAccess {
        /** Only tokens between from and to. */
        final Object[] items;
        final int from;
        final int to;
        /** The frame's {@link Frame#parenMatch}, or null. */
        final int[] parenMatch;

        TokenRange(Object[] items, int from, int to, int[] parenMatch) {
            this.items = items;
            this.from = from;
            this.to = to;
            this.parenMatch = parenMatch;
        }

        @Override
        public Token get(int i) {
            if (i < 0 || i >= to - from) throw new IndexOutOfBoundsException(i);
            return (Token) items[from + i];
        }

        @Override
        public int size() { return to - from; }
    }

    /**
     * After the name of a function-like macro: consumes a following '(' and returns true, or leaves the next token
     * unread and returns false. Exhausted frames are popped on the way (re-enabling their macros); a directive line
     * or the end of the file means "no '('", as in clang.
     */
    private boolean peekLParen() {
        while (true) {
            Frame f = top;
            if (f == null) break;
            if (f.pos < f.end) {
                Object o = f.items[f.pos];
                if (o instanceof ExpandedTokens e) {
                    // Left whole unless it starts with '(' (so that it can still be taken whole).
                    if (e.first != null && !isPunct(e.first, "(")) return false;
                    f.pos++;
                    enter(e, f);
                    continue;
                }
                Token t = (Token) o;
                if (t.kind == Kind.PUNCT && t.text.equals("(")) {
                    f.pendingEdit = ExpandedTokens.KEEP;
                    f.pos++;
                    return true;
                }
                return false;
            }
            if (f.barrier) return false;
            popFrame();
        }
        FileFrame ff = file;
        if (ff == null) return false;
        Token t = ff.pending != null ? ff.pending : ff.lexer.next();
        if (t.kind == Kind.PUNCT && t.text.equals("(")) {
            ff.pending = null;
            if (ff.guardState != GUARD_NONE && ff.guardState != GUARD_INSIDE) noteGuardToken(ff);
            return true;
        }
        ff.pending = t;
        return false;
    }

    /** The next token after macro expansion. */
    private Token next() {
        while (true) {
            Token t = nextOrExpanded();
            if (t != EXPANDED) return t;
        }
    }

    /**
     * The next token after macro expansion, or {@link #EXPANDED} when the raw token read was a macro use that
     * produced no token yet: its expansion is pushed (or it made nothing), and the caller reads on.
     */
    private Token nextOrExpanded() {
        Token t = readRaw();
        if (t.kind != Kind.IDENTIFIER || t.noExpand) return t;
        if (inIfDirective && t.text.equals("defined")) return definedOperator(t);
        Macro m = macro(t.text);
        if (m == null) return t;
        if (m.disabled) return paint(t);
        if (m.builtin != null) {
            Token r = expandBuiltin(m, t);
            return r != null ? r : EXPANDED;
        }
        if (!m.functionLike) {
            Object[] body = substitute(m, t, null, false);
            if (body.length > 0) pushFrame(body, body.length, m, false);
            return EXPANDED;
        }
        if (!peekLParen()) return t;
        if (!expandFunctionLike(m, t)) return t;
        return EXPANDED;
    }

    private static Token paint(Token t) {
        return new Token(t.kind, t.text, t.location, t.spaceBefore, t.startOfLine, true);
    }

    /** Fully expands a token list in isolation (an #if or #include line, a builtin's operand). */
    private List<Token> expandList(List<Token> raw) {
        boolean any = false;
        for (Token t : raw) {
            if (t.kind == Kind.IDENTIFIER && !t.noExpand) {
                any = true;
                break;
            }
        }
        if (!any) return raw;
        return expandArgument(raw).toList();
    }

    /**
     * Fully expands a macro argument in isolation (C11 6.10.3.1), as a tree that shares the quiet expansions it
     * contains rather than copying them (see {@link ExpandedTokens}).
     */
    private ExpandedTokens expandArgument(List<Token> raw) {
        ExpandedTokens.Builder out = new ExpandedTokens.Builder();
        int epoch = macroEpoch;
        boolean any = raw instanceof ArgumentTokens a && a.hasTrees();
        if (!any) for (Token t : raw) {
            if (t.kind == Kind.IDENTIFIER && !t.noExpand) {
                any = true;
                break;
            }
        }
        if (!any) {
            for (Token t : raw) out.add(t, false, null);
            return out.build(macroEpoch);
        }
        if (raw instanceof TokenRange r) {
            pushFrame(r.items, r.to, null, true);
            top.pos = r.from;
            top.parenMatch = r.parenMatch;
        } else if (raw instanceof ArgumentTokens a && a.hasTrees()) {
            Object[] arr = a.items.toArray();
            pushFrame(arr, arr.length, null, true);
        } else {
            Object[] arr = raw.toArray();
            pushFrame(arr, arr.length, null, true);
            top.parenMatch = parenMatch(arr);
        }
        Frame barrier = top;
        while (true) {
            ExpandedTokens whole = takeWhole();
            if (whole != null) {
                out.add(whole);
                continue;
            }
            // Not next(): an expansion just pushed may begin with a tree to take whole.
            Token t = nextOrExpanded();
            if (t == EXPANDED) continue;
            if (t == BARRIER_END) break;
            if (t.kind == Kind.EOF) continue; // cannot happen behind a barrier
            Macro named = t.kind == Kind.IDENTIFIER && !t.noExpand ? macros.get(t.text) : null;
            out.add(t, named != null || (t.kind == Kind.IDENTIFIER && !t.noExpand && t.text.equals("defined")), named);
        }
        while (top != barrier) popFrame();
        top = barrier.below;
        // The liveness of what was read is judged under one table: a change during the expansion (a _Pragma
        // popping a macro) leaves the tree never to be taken whole.
        return out.build(macroEpoch == epoch ? epoch : -1);
    }

    /**
     * {@link Frame#parenMatch} for a raw argument long enough to hold nested uses, or null. Null too when a token
     * starts a line: {@link #collectArguments} copies an argument from there on, so it must read every token.
     */
    private static int[] parenMatch(Object[] toks) {
        if (toks.length < 32) return null;
        int[] match = new int[toks.length];
        int[] open = new int[toks.length];
        int depth = 0;
        for (int i = 0; i < toks.length; i++) {
            Token t = (Token) toks[i];
            match[i] = -1;
            if (t.startOfLine) return null;
            if (isPunct(t, "(")) open[depth++] = i;
            else if (isPunct(t, ")") && depth > 0) match[open[--depth]] = i;
        }
        return match;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Function-like macro invocation

    /** Collects the arguments and pushes the expansion; false (after an error) leaves just the name, as clang. */
    private boolean expandFunctionLike(Macro m, Token name) {
        List<List<Token>> args = new ArrayList<>();
        argumentReaders++;
        Token rparen;
        try {
            rparen = collectArguments(m, name, args);
        } finally {
            argumentReaders--;
        }
        if (rparen == null) return false;
        int n = m.params.length;
        boolean vaOmitted = false;
        if (n == 0) {
            if (args.size() == 1 && args.get(0).isEmpty()) {
                args.clear();
            } else {
                tooMany(m, rparen);
                return false;
            }
        } else if (args.size() < n) {
            if (m.variadic && args.size() == n - 1) {
                args.add(new ArrayList<>());
                vaOmitted = true;
            } else {
                diags.error(rparen.location, "too few arguments provided to function-like macro invocation");
                if (m.location != null) diags.note(m.location, "macro '" + m.name + "' defined here");
                return false;
            }
        } else if (args.size() > n) {
            tooMany(m, rparen);
            return false;
        } else if (n == 1 && m.variadic && args.get(0).isEmpty()) {
            vaOmitted = true; // F() for F(...): as if no variable argument were given (clang, GCC)
        }
        if (name.location.expandedFrom() == null && rparen.location.expandedFrom() == null
                && rparen.location.file() == name.location.file()
                && newlineBetween(name.location, rparen.location)) {
            expansionEnds.put(name.location, rparen.location);
        }
        Object[] body = substitute(m, name, args, vaOmitted);
        if (body.length > 0) pushFrame(body, body.length, m, false);
        return true;
    }

    /**
     * Reads the arguments of a use of {@code m} up to its ')' into {@code args}; returns that ')', or null after
     * reporting an unterminated use.
     */
    private Token collectArguments(Macro m, Token name, List<List<Token>> args) {
        ArgumentTokens cur = new ArgumentTokens();
        // While every token of the current argument comes in order from one frame's array: that frame and
        // where the argument starts and ends in it (cur stays empty; see TokenRange). Null once the argument is a
        // copy.
        Frame inPlace = null;
        int inPlaceFrom = 0;
        int inPlaceTo = 0;
        boolean fresh = true;
        int depth = 0;
        while (true) {
            Frame f = top;
            if (f != null && f.pos < f.end && f.items[f.pos] instanceof ExpandedTokens e && e.balanced
                    && e.noLineStart && (!e.topComma || (m.variadic && args.size() == m.params.length - 1))) {
                // A tree whose tokens could all join the argument one by one (its commas, if any, in the variable
                // arguments, which they do not split): taken whole.
                f.pos++;
                steps++;
                int edit = f.pendingEdit;
                f.pendingEdit = ExpandedTokens.KEEP;
                ExpandedTokens whole = e.edited(edit);
                if (!whole.startsNoLine()) {
                    // Its first token starts a line: as a piece of an argument it has a space instead.
                    whole = whole.edited(ExpandedTokens.force(true, false));
                }
                if (inPlace != null) {
                    cur = new ArgumentTokens(new TokenRange(inPlace.items, inPlaceFrom, inPlaceTo, null));
                    inPlace = null;
                }
                fresh = false;
                cur.add(whole);
                continue;
            }
            int pos = f == null ? -1 : f.pos;
            Token t = readRaw();
            // The token is the frame's item itself (not a tree's token, nor an edited first token).
            boolean fromFrame = f != null && top == f && pos < f.end && f.pos == pos + 1 && f.items[pos] == t;
            if (fresh) {
                fresh = false;
                if (fromFrame) {
                    inPlace = f;
                    inPlaceFrom = pos;
                }
            } else if (inPlace != null && !(fromFrame && f == inPlace)) {
                cur = new ArgumentTokens(new TokenRange(inPlace.items, inPlaceFrom, inPlaceTo, null));
                inPlace = null;
            }
            if (inPlace != null) inPlaceTo = pos + 1;
            if (t.kind == Kind.EOF) {
                diags.error(name.location, "unterminated function-like macro invocation");
                if (m.location != null) diags.note(m.location, "macro '" + m.name + "' defined here");
                return null;
            }
            if (t.kind == Kind.PUNCT) {
                if (t.text.equals("(")) {
                    int close = inPlace != null && inPlace.parenMatch != null ? inPlace.parenMatch[pos] : -1;
                    if (close >= 0 && close < inPlace.end) {
                        // A balanced group read in place holds no ',' or ')' of this use: skip it whole.
                        inPlace.pos = close + 1;
                        inPlaceTo = close + 1;
                        continue;
                    }
                    depth++;
                } else if (t.text.equals(")")) {
                    if (depth == 0) {
                        args.add(inPlace != null ? inPlaceArgument(inPlace, inPlaceFrom, pos) : cur);
                        return t;
                    }
                    depth--;
                } else if (depth == 0 && t.text.equals(",")
                        && !(m.variadic && args.size() == m.params.length - 1)) {
                    args.add(inPlace != null ? inPlaceArgument(inPlace, inPlaceFrom, pos) : cur);
                    cur = new ArgumentTokens();
                    inPlace = null;
                    fresh = true;
                    continue;
                }
            }
            if (t.startOfLine) {
                t = new Token(t.kind, t.text, t.location, true, false, t.noExpand);
                if (inPlace != null) {
                    cur = new ArgumentTokens(new TokenRange(inPlace.items, inPlaceFrom, pos, null));
                    inPlace = null;
                }
            }
            if (inPlace == null) cur.add(t);
        }
    }

    private static TokenRange inPlaceArgument(Frame f, int from, int to) {
        return new TokenRange(f.items, from, to, f.parenMatch);
    }

    /**
     * Whether a line ends between two places of one file: looked up in the text rather than by line number, which
     * would make the file compute its table of lines just for this.
     */
    private static boolean newlineBetween(SourceLocation from, SourceLocation to) {
        // Only up to `to`: a search to the next newline crossed the rest of a long line for every use on it
        // (20,000 nested uses on one line: quadratic). A long use is looked up by line number instead: nested uses
        // each scanning their own extent were quadratic too, and the table of lines costs one pass over the file.
        CharSequence text = from.file().text();
        int end = Math.min(to.offset(), text.length());
        if (end - from.offset() > 4096) return from.file().lineOf(from.offset()) != from.file().lineOf(end);
        for (int i = from.offset(); i < end; i++) {
            if (text.charAt(i) == '\n') return true;
        }
        return false;
    }

    private void tooMany(Macro m, Token at) {
        diags.error(at.location, "too many arguments provided to function-like macro invocation");
        if (m.location != null) diags.note(m.location, "macro '" + m.name + "' defined here");
    }

    /** State of one substitution: the arguments and their lazily computed expansions. */
    private final class Substitution {
        final Macro m;
        final Token name;
        final List<List<Token>> args;
        final ExpandedTokens[] expanded;
        final boolean vaOmitted;
        /** Tokens and {@link ExpandedTokens} trees (expanded arguments substituted whole). */
        final ArrayList<Object> out;

        Substitution(Macro m, Token name, List<List<Token>> args, boolean vaOmitted) {
            this.m = m;
            this.name = name;
            this.args = args;
            this.expanded = args == null ? null : new ExpandedTokens[args.size()];
            this.vaOmitted = vaOmitted;
            this.out = new ArrayList<>(m.body.length + 8);
        }

        ExpandedTokens expandedArg(int p) {
            ExpandedTokens e = expanded[p];
            if (e == null) {
                e = expandArgument(args.get(p));
                expanded[p] = e;
            }
            return e;
        }

        boolean vaEmpty() {
            return args.get(m.params.length - 1).isEmpty();
        }
    }

    /** The items of the frame that rescans a use of {@code m}: tokens and trees. */
    private Object[] substitute(Macro m, Token name, List<List<Token>> args, boolean vaOmitted) {
        if (m.body.length == 0) return new Object[0];
        Substitution s = new Substitution(m, name, args, vaOmitted);
        subst(s, 0, m.body.length);
        ArrayList<Object> out = s.out;
        if (out.isEmpty()) return new Object[0];
        // The expansion takes the place of the name: its first token gets the name's white space and line start.
        int edit = ExpandedTokens.force(name.spaceBefore, name.startOfLine);
        Object first = out.get(0);
        out.set(0, first instanceof Token t ? ExpandedTokens.apply(edit, t) : ((ExpandedTokens) first).edited(edit));
        return out.toArray();
    }

    private Token bodyCopy(Token b, Token name) {
        SourceLocation l = b.location;
        return new Token(b.kind, b.text, new SourceLocation(l.file(), l.offset(), name.location), b.spaceBefore,
                false, false);
    }

    private static boolean isPunct(Token t, String s) {
        return t.kind == Kind.PUNCT && t.text.equals(s);
    }

    /** Index of the ')' matching the '(' at {@code open} in the body, or -1. */
    private static int matchingParen(Token[] body, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (isPunct(body[i], "(")) depth++;
            else if (isPunct(body[i], ")") && --depth == 0) return i;
        }
        return -1;
    }

    /**
     * Appends an argument's tokens. Tokens written in the argument itself get the macro use as their expansion
     * site, as in clang: a diagnostic then notes the macro, and -E prints the whole expansion on the use's line.
     */
    private void addArg(Substitution s, List<Token> arg, boolean space) {
        for (int k = 0; k < arg.size(); k++) s.out.add(argToken(s, arg.get(k), k == 0, space));
    }

    private static Token argToken(Substitution s, Token t, boolean first, boolean space) {
        SourceLocation l = t.location;
        boolean sp = first ? space : t.spaceBefore;
        if (l.expandedFrom() == null) {
            return new Token(t.kind, t.text, new SourceLocation(l.file(), l.offset(), s.name.location), sp, false,
                    t.noExpand);
        }
        if (sp != t.spaceBefore) return new Token(t.kind, t.text, l, sp, false, t.noExpand);
        return t;
    }

    /**
     * {@link #addArg} for an expanded argument: a tree whose tokens all come from macro uses is substituted whole
     * (only its first token's space changes); otherwise its own tokens are placed one by one and its subtrees
     * (which do come from macro uses) whole.
     */
    private void addExpandedArg(Substitution s, ExpandedTokens arg, boolean space) {
        if (arg.size == 0) return;
        int respace = ExpandedTokens.respace(space);
        if (arg.allExpanded) {
            s.out.add(arg.edited(respace));
            return;
        }
        Object[] items = arg.items;
        for (int k = 0; k < items.length; k++) {
            Object o = items[k];
            if (o instanceof Token t) {
                if (k == 0) t = ExpandedTokens.apply(arg.firstEdit, t);
                s.out.add(argToken(s, t, k == 0, space));
            } else {
                ExpandedTokens e = (ExpandedTokens) o;
                s.out.add(k == 0 ? e.edited(ExpandedTokens.compose(respace, arg.firstEdit)) : e);
            }
        }
    }

    /** Removes and returns the last token of {@code out}, opening a tree that ends it. */
    private static Token removeLastToken(ArrayList<Object> out) {
        Object last = out.remove(out.size() - 1);
        if (last instanceof Token t) return t;
        ArrayList<Token> toks = new ArrayList<>();
        ExpandedTokens.appendTokens(toks, last, ExpandedTokens.KEEP);
        for (int i = 0; i < toks.size() - 1; i++) out.add(toks.get(i));
        return toks.get(toks.size() - 1);
    }

    /** The items as tokens only (trees opened). */
    private static List<Object> opened(List<Object> items) {
        boolean trees = false;
        for (Object o : items) trees |= !(o instanceof Token);
        if (!trees) return items;
        List<Object> out = new ArrayList<>();
        for (Object o : items) ExpandedTokens.appendTokens(out, o, ExpandedTokens.KEEP);
        return out;
    }

    private void subst(Substitution s, int from, int to) {
        Macro m = s.m;
        Token[] body = m.body;
        int[] pi = m.paramIndex;
        ArrayList<Object> out = s.out;
        boolean lastEmpty = false; // the previous operand was an empty argument (a placemarker)
        for (int i = from; i < to; i++) {
            Token b = body[i];
            int p = pi[i];
            if (m.functionLike && b.kind == Kind.PUNCT && b.text.equals("#") && i + 1 < to && pi[i + 1] >= 0) {
                out.add(stringify(s.args.get(pi[i + 1]), b, s.name));
                i++;
                lastEmpty = false;
                continue;
            }
            if (b.kind == Kind.PUNCT && b.text.equals("##") && i + 1 < to) {
                i++;
                Token rb = body[i];
                int rp = pi[i];
                List<?> rhs;
                if (rp >= 0) {
                    if (m.variadic && rp == m.params.length - 1 && i - 2 >= from && isPunct(body[i - 2], ",")
                            && !out.isEmpty() && out.get(out.size() - 1) instanceof Token last
                            && isPunct(last, ",")) {
                        // GNU ", ## __VA_ARGS__": the comma goes away when the variable arguments are omitted.
                        if (s.vaOmitted) out.remove(out.size() - 1);
                        else addArg(s, s.args.get(rp), rb.spaceBefore);
                        lastEmpty = false;
                        continue;
                    }
                    rhs = s.args.get(rp);
                } else if (m.functionLike && isPunct(rb, "#") && i + 1 < to && pi[i + 1] >= 0) {
                    rhs = List.of(stringify(s.args.get(pi[i + 1]), rb, s.name));
                    i++;
                } else if (m.variadic && rb.kind == Kind.IDENTIFIER && rb.text.equals("__VA_OPT__")
                        && i + 1 < to && isPunct(body[i + 1], "(")) {
                    int close = matchingParen(body, i + 1, to);
                    if (close < 0) close = to - 1;
                    rhs = opened(vaOpt(s, i + 2, close));
                    i = close;
                } else {
                    rhs = List.of(bodyCopy(rb, s.name));
                }
                if (rhs.isEmpty()) continue;
                int k = 0;
                if (!lastEmpty && !out.isEmpty()) {
                    Token l = removeLastToken(out);
                    pasteInto(out, l, (Token) rhs.get(0));
                    k = 1;
                }
                for (; k < rhs.size(); k++) out.add(rhs.get(k));
                lastEmpty = false;
                continue;
            }
            if (p >= 0) {
                boolean pasteNext = i + 1 < to && isPunct(body[i + 1], "##");
                if (pasteNext) {
                    List<Token> arg = s.args.get(p);
                    addArg(s, arg, b.spaceBefore);
                    lastEmpty = arg.isEmpty();
                } else {
                    ExpandedTokens arg = s.expandedArg(p);
                    addExpandedArg(s, arg, b.spaceBefore);
                    lastEmpty = arg.size == 0;
                }
                continue;
            }
            if (m.variadic && b.kind == Kind.IDENTIFIER && b.text.equals("__VA_OPT__") && i + 1 < to
                    && isPunct(body[i + 1], "(")) {
                int close = matchingParen(body, i + 1, to);
                if (close < 0) close = to - 1;
                List<Object> r = vaOpt(s, i + 2, close);
                out.addAll(r);
                lastEmpty = r.isEmpty();
                i = close;
                continue;
            }
            out.add(bodyCopy(b, s.name));
            lastEmpty = false;
        }
    }

    /** The tokens {@code __VA_OPT__( body[from, to) )} stands for. */
    private List<Object> vaOpt(Substitution s, int from, int to) {
        if (s.vaEmpty()) return List.of();
        Substitution inner = new Substitution(s.m, s.name, s.args, s.vaOmitted);
        System.arraycopy(s.expanded, 0, inner.expanded, 0, s.expanded.length);
        subst(inner, from, to);
        return inner.out;
    }

    /** C11 6.10.3.2: the spelling of an argument as a string literal. */
    private Token stringify(List<Token> arg, Token hash, Token name) {
        StringBuilder sb = new StringBuilder();
        sb.append('"');
        for (int i = 0; i < arg.size(); i++) {
            Token t = arg.get(i);
            if (i > 0 && (t.spaceBefore || t.startOfLine)) sb.append(' ');
            if (t.kind == Kind.STRING || t.kind == Kind.CHAR
                    || (t.kind == Kind.OTHER && (t.text.indexOf('"') >= 0 || t.text.indexOf('\'') >= 0))) {
                String x = t.text;
                for (int k = 0; k < x.length(); k++) {
                    char c = x.charAt(k);
                    if (c == '"' || c == '\\') sb.append('\\');
                    sb.append(c);
                }
            } else if (t.kind == Kind.PRAGMA) {
                sb.append("_Pragma(\"").append(t.text.replace("\\", "\\\\").replace("\"", "\\\"")).append("\")");
            } else {
                sb.append(t.text);
            }
        }
        sb.append('"');
        SourceLocation l = hash.location;
        return new Token(Kind.STRING, sb.toString(), new SourceLocation(l.file(), l.offset(), name.location),
                hash.spaceBefore, false, false);
    }

    /** C11 6.10.3.3: pastes {@code l ## r} and appends the result (or both tokens, after an error). */
    private void pasteInto(List<Object> out, Token l, Token r) {
        String text = l.text + r.text;
        if (l.kind == Kind.IDENTIFIER && (r.kind == Kind.IDENTIFIER || r.kind == Kind.NUMBER)
                && isIdentifierText(r.text)) {
            out.add(new Token(Kind.IDENTIFIER, interner.intern(text), l.location, l.spaceBefore, false, false));
            return;
        }
        if (l.kind == Kind.PRAGMA || r.kind == Kind.PRAGMA) {
            out.add(l);
            out.add(r);
            return;
        }
        Lexer lexer = new Lexer(new SourceFile("<scratch space>", text), interner);
        Token t = lexer.next();
        Token after = lexer.next();
        if (t.kind != Kind.EOF && after.kind == Kind.EOF && t.text.length() == text.length() && !t.spaceBefore) {
            out.add(new Token(t.kind, t.text, l.location, l.spaceBefore, false, false));
            return;
        }
        diags.error(l.location, "pasting formed '" + text + "', an invalid preprocessing token");
        out.add(l);
        out.add(r);
    }

    private static boolean isIdentifierText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Builtin macros

    private void defineBuiltins() {
        builtin("__FILE__", Macro.Builtin.FILE);
        builtin("__LINE__", Macro.Builtin.LINE);
        builtin("__COUNTER__", Macro.Builtin.COUNTER);
        builtin("__DATE__", Macro.Builtin.DATE);
        builtin("__TIME__", Macro.Builtin.TIME);
        builtin("__TIMESTAMP__", Macro.Builtin.TIMESTAMP);
        builtin("__BASE_FILE__", Macro.Builtin.BASE_FILE);
        builtin("__FILE_NAME__", Macro.Builtin.FILE_NAME);
        builtin("__INCLUDE_LEVEL__", Macro.Builtin.INCLUDE_LEVEL);
        builtin("__has_attribute", Macro.Builtin.HAS_ATTRIBUTE);
        builtin("__has_c_attribute", Macro.Builtin.HAS_C_ATTRIBUTE);
        builtin("__has_cpp_attribute", Macro.Builtin.HAS_CPP_ATTRIBUTE);
        builtin("__has_builtin", Macro.Builtin.HAS_BUILTIN);
        builtin("__has_feature", Macro.Builtin.HAS_FEATURE);
        builtin("__has_extension", Macro.Builtin.HAS_EXTENSION);
        builtin("__has_declspec_attribute", Macro.Builtin.HAS_DECLSPEC_ATTRIBUTE);
        builtin("__has_warning", Macro.Builtin.HAS_WARNING);
        builtin("__is_identifier", Macro.Builtin.IS_IDENTIFIER);
        builtin("__has_include", Macro.Builtin.HAS_INCLUDE);
        builtin("__has_include_next", Macro.Builtin.HAS_INCLUDE_NEXT);
        builtin("_Pragma", Macro.Builtin.PRAGMA);
    }

    private void builtin(String name, Macro.Builtin b) {
        String n = interner.intern(name);
        macros.put(n, new Macro(n, b));
    }

    /** The location a token was written at, or of the outermost macro use it came out of. */
    static SourceLocation expansionSite(SourceLocation l) {
        while (l.expandedFrom() != null) l = l.expandedFrom();
        return l;
    }

    private int presumedLine(SourceLocation l) {
        LineOverride o = lineOverride(l.file());
        return l.line() + (o == null ? 0 : o.delta);
    }

    private String presumedFile(SourceLocation l) {
        LineOverride o = lineOverride(l.file());
        return o == null || o.name == null ? l.path() : o.name;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private Token made(Kind kind, String text, Token at) {
        return new Token(kind, text, at.location, at.spaceBefore, at.startOfLine, false);
    }

    /** Expands a builtin macro; null when it produced nothing (a handled {@code _Pragma}). */
    private Token expandBuiltin(Macro m, Token t) {
        if (recording != null && dependsOnMoreThanState(m.builtin)) recording.makeUncacheable();
        switch (m.builtin) {
            case FILE: return made(Kind.STRING, quote(presumedFile(expansionSite(t.location))), t);
            case FILE_NAME: {
                String f = presumedFile(expansionSite(t.location));
                return made(Kind.STRING, quote(f.substring(f.lastIndexOf('/') + 1)), t);
            }
            case BASE_FILE: return made(Kind.STRING, quote(baseFile), t);
            case LINE: {
                SourceLocation site = expansionSite(t.location);
                SourceLocation end = expansionEnds.get(site);
                return made(Kind.NUMBER, Integer.toString(presumedLine(end != null ? end : site)), t);
            }
            case COUNTER: return made(Kind.NUMBER, Integer.toString(counter++), t);
            case INCLUDE_LEVEL: return made(Kind.NUMBER, Integer.toString(file == null ? 0 : file.depth), t);
            case DATE: {
                String mon = startTime.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
                return made(Kind.STRING, String.format("\"%s %2d %d\"", mon, startTime.getDayOfMonth(),
                        startTime.getYear()), t);
            }
            case TIME:
                return made(Kind.STRING, "\"" + startTime.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "\"", t);
            case TIMESTAMP:
                return made(Kind.STRING, "\"" + startTime.format(
                        DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH)) + "\"", t);
            case PRAGMA: return pragmaOperator(t);
            case HAS_INCLUDE:
            case HAS_INCLUDE_NEXT:
                if (!inIfDirective) {
                    diags.error(t.location, "'" + t.text + "' must be used within a preprocessing directive");
                    return paint(t);
                }
                return hasInclude(t, m.builtin == Macro.Builtin.HAS_INCLUDE_NEXT);
            default:
                return featureCheck(m, t);
        }
    }

    /** Builtins whose value no recorded fact determines: a header that uses one is expanded afresh each time. */
    private static boolean dependsOnMoreThanState(Macro.Builtin b) {
        switch (b) {
            case COUNTER: case INCLUDE_LEVEL: case DATE: case TIME: case TIMESTAMP: case BASE_FILE: return true;
            default: return false;
        }
    }

    /** Reads the parenthesized raw tokens after a builtin's name; null (after an error) if there are none. */
    private List<Token> builtinArgs(Token name) {
        if (!peekLParen()) {
            diags.error(name.location, "missing '(' after '" + name.text + "'");
            return null;
        }
        List<Token> toks = new ArrayList<>();
        int depth = 0;
        argumentReaders++;
        try {
            while (true) {
                Token t = readRaw();
                if (t.kind == Kind.EOF) {
                    diags.error(name.location, "missing ')' after '" + name.text + "'");
                    return null;
                }
                if (isPunct(t, "(")) depth++;
                else if (isPunct(t, ")") && depth-- == 0) return toks;
                toks.add(t);
            }
        } finally {
            argumentReaders--;
        }
    }

    private Token featureCheck(Macro m, Token name) {
        List<Token> raw = builtinArgs(name);
        if (raw == null) return made(Kind.NUMBER, "0", name);
        List<Token> args = expandList(raw);
        long value = 0;
        if (m.builtin == Macro.Builtin.HAS_WARNING) {
            value = args.size() == 1 && args.get(0).kind == Kind.STRING ? 1 : 0;
        } else if (args.isEmpty() || args.get(0).kind != Kind.IDENTIFIER) {
            diags.error(args.isEmpty() ? name.location : args.get(0).location,
                    "builtin feature check macro requires a parenthesized identifier");
        } else {
            String id = args.get(0).text;
            String scope = null;
            if (args.size() >= 4 && isPunct(args.get(1), ":") && isPunct(args.get(2), ":")
                    && args.get(3).kind == Kind.IDENTIFIER) {
                scope = id;
                id = args.get(3).text;
            }
            switch (m.builtin) {
                case HAS_ATTRIBUTE: value = scope == null ? ClangFeatures.hasAttribute(id)
                        : ClangFeatures.hasCAttribute(scope, id); break;
                case HAS_C_ATTRIBUTE: value = ClangFeatures.hasCAttribute(scope, id); break;
                case HAS_BUILTIN: value = ClangFeatures.hasBuiltin(id); break;
                case HAS_FEATURE: value = ClangFeatures.hasFeature(id); break;
                case HAS_EXTENSION: value = ClangFeatures.hasExtension(id); break;
                case IS_IDENTIFIER: value = Keywords.isKeyword(id) ? 0 : 1; break;
                default: value = 0; // __has_declspec_attribute, __has_cpp_attribute in C
            }
        }
        return made(Kind.NUMBER, value >= 100000 ? value + "L" : Long.toString(value), name);
    }

    private Token hasInclude(Token name, boolean next) {
        List<Token> raw = builtinArgs(name);
        if (raw == null) return made(Kind.NUMBER, "0", name);
        HeaderName h = headerName(raw);
        if (h == null) h = headerName(expandList(raw));
        if (h == null) {
            diags.error(raw.isEmpty() ? name.location : raw.get(0).location, "expected \"FILENAME\" or <FILENAME>");
            return made(Kind.NUMBER, "0", name);
        }
        HeaderSearch.Found f = lookup(h.name, h.angled, next, false, name.location);
        if (f != null) {
            depend(f.path(), f.dirIndex() >= 0 ? search.isSystem(f.dirIndex()) : isSystemFile(file.source));
        }
        return made(Kind.NUMBER, f != null ? "1" : "0", name);
    }

    private record HeaderName(String name, boolean angled) {}

    /** A header name spelled by a string literal or by tokens from '<' to '>'; null if neither. */
    private static HeaderName headerName(List<Token> toks) {
        if (toks.isEmpty()) return null;
        Token first = toks.get(0);
        if (first.kind == Kind.STRING && first.text.startsWith("\"")) {
            return new HeaderName(first.text.substring(1, first.text.length() - 1), false);
        }
        if (first.kind == Kind.HEADER_NAME) return new HeaderName(first.text.substring(1, first.text.length() - 1), true);
        if (!isPunct(first, "<")) return null;
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (isPunct(t, ">")) return new HeaderName(sb.toString(), true);
            if (i > 1 && t.spaceBefore) sb.append(' ');
            sb.append(t.text);
        }
        return null;
    }

    private HeaderSearch.Found lookup(String name, boolean angled, boolean next, boolean warn, SourceLocation at) {
        String includerDir = file.dir;
        int start = 0;
        if (next) {
            if (file.parent == null || file.key == null) {
                if (warn) warn(at, "#include_next in primary source file [-Winclude-next-outside-header]");
            } else if (file.dirIndex >= 0) {
                start = file.dirIndex + 1;
                includerDir = null;
            } else {
                includerDir = null;
            }
        }
        return search.find(name, angled, includerDir, start);
    }

    private Token pragmaOperator(Token name) {
        Token open;
        Token str;
        Token close;
        argumentReaders++;
        try {
            open = readRaw();
            str = open.kind == Kind.EOF ? open : readRaw();
            close = str.kind == Kind.EOF ? str : readRaw();
        } finally {
            argumentReaders--;
        }
        if (!isPunct(open, "(") || str.kind != Kind.STRING || !isPunct(close, ")")) {
            diags.error(name.location, "_Pragma takes a parenthesized string literal");
            return null;
        }
        // C11 6.10.9: drop the prefix and quotes, unescape \" and \\, run the result as a #pragma line.
        String s = str.text;
        s = s.substring(s.indexOf('"') + 1, s.length() - 1);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) c = s.charAt(++i);
            sb.append(c);
        }
        List<Token> toks = Lexer.tokenize(new SourceFile("<scratch space>", sb.toString()), interner);
        toks = toks.subList(0, toks.size() - 1);
        return pragma(toks, name);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Directives

    /** The rest of the current directive line, leaving the next line's first token pending. */
    private List<Token> lineTokens() {
        FileFrame f = file;
        List<Token> l = new ArrayList<>();
        while (true) {
            Token t = f.lexer.next();
            if (t.startOfLine || t.kind == Kind.EOF) {
                f.pending = t;
                return l;
            }
            l.add(t);
        }
    }

    private void skipLine() {
        file.lexer.skipRestOfLine();
    }

    private void extraTokens(String directive) {
        List<Token> rest = lineTokens();
        if (!rest.isEmpty()) {
            warn(rest.get(0).location, "extra tokens at end of #" + directive + " directive [-Wextra-tokens]");
        }
    }

    /** Runs the directive that starts with {@code hash}; returns a PRAGMA token when it makes one. */
    private Token directive(Token hash) {
        FileFrame f = file;
        Token d = f.lexer.next();
        if (d.startOfLine || d.kind == Kind.EOF) { // the null directive
            f.pending = d;
            return null;
        }
        String name = d.kind == Kind.IDENTIFIER ? d.text : d.kind == Kind.NUMBER ? "<linemarker>" : "";
        if (f.guardState == GUARD_START) {
            boolean guardOpen = name.equals("ifndef") || name.equals("if");
            if (!guardOpen) f.guardState = GUARD_NONE;
        } else if (f.guardState == GUARD_AFTER) {
            f.guardState = GUARD_NONE;
        }
        switch (name) {
            case "define": define(d); return null;
            case "undef": undef(d); return null;
            case "include": include(d, false); return null;
            case "include_next": include(d, true); return null;
            case "import": include(d, false); return null;
            case "if": {
                List<Token> line = lineTokens();
                if (f.guardState == GUARD_START) guardFromIf(f, line);
                boolean v = evaluateIf(line, d, "if");
                openCond(d, v);
                return null;
            }
            case "ifdef":
            case "ifndef": {
                List<Token> line = lineTokens();
                boolean v = false;
                if (line.isEmpty()) {
                    diags.error(d.location, "macro name missing");
                } else if (line.get(0).kind != Kind.IDENTIFIER) {
                    diags.error(line.get(0).location, "macro name must be an identifier");
                } else {
                    v = isDefined(line.get(0).text) != name.equals("ifndef");
                    if (line.size() > 1) {
                        warn(line.get(1).location, "extra tokens at end of #" + name
                                + " directive [-Wextra-tokens]");
                    }
                    if (f.guardState == GUARD_START && name.equals("ifndef")) {
                        f.guardState = GUARD_INSIDE;
                        f.guardMacro = line.get(0).text;
                        f.guardCond = conds.size();
                    }
                }
                if (f.guardState == GUARD_START) f.guardState = GUARD_NONE;
                openCond(d, v);
                return null;
            }
            case "elif":
            case "elifdef":
            case "elifndef":
            case "else": {
                Cond c = currentCond();
                if (c == null) {
                    diags.error(d.location, "#" + name + " without #if");
                    skipLine();
                    return null;
                }
                if (c.sawElse) diags.error(d.location, "#" + name + " after #else");
                if (name.equals("else")) {
                    c.sawElse = true;
                    extraTokens("else");
                } else {
                    skipLine();
                }
                noteGuardBranch(f);
                // The branch we were in was taken: everything up to #endif is skipped.
                c.taken = true;
                skipBlock();
                return null;
            }
            case "endif": {
                if (currentCond() == null) {
                    diags.error(d.location, "#endif without #if");
                    skipLine();
                    return null;
                }
                extraTokens("endif");
                closeCond();
                return null;
            }
            case "line": lineDirective(d, lineTokens(), false); return null;
            case "<linemarker>": {
                List<Token> line = new ArrayList<>();
                line.add(d);
                line.addAll(lineTokens());
                lineDirective(d, line, true);
                return null;
            }
            case "error": diags.error(d.location, f.lexer.restOfLine()); return null;
            case "warning": warn(d.location, f.lexer.restOfLine() + " [-W#warnings]"); return null;
            case "pragma": return pragma(lineTokens(), hash);
            case "ident":
            case "sccs":
            case "assert":
            case "unassert":
                skipLine();
                return null;
            default:
                diags.error(d.location, "invalid preprocessing directive");
                skipLine();
                return null;
        }
    }

    private Cond currentCond() {
        return conds.size() > file.condBase ? conds.get(conds.size() - 1) : null;
    }

    private void openCond(Token hash, boolean value) {
        conds.add(new Cond(hash.location, value));
        if (!value) skipBlock();
    }

    private void closeCond() {
        conds.remove(conds.size() - 1);
        FileFrame f = file;
        if (f.guardState == GUARD_INSIDE && conds.size() == f.guardCond) f.guardState = GUARD_AFTER;
    }

    private void noteGuardBranch(FileFrame f) {
        if (f.guardState == GUARD_INSIDE && conds.size() - 1 == f.guardCond) f.guardState = GUARD_NONE;
    }

    /** {@code #if !defined(X)} or {@code #if !defined X} opening a file is an include guard too. */
    private void guardFromIf(FileFrame f, List<Token> line) {
        f.guardState = GUARD_NONE;
        int n = line.size();
        if (n >= 3 && isPunct(line.get(0), "!") && line.get(1).is("defined")) {
            Token x = null;
            if (n == 3 && line.get(2).kind == Kind.IDENTIFIER) x = line.get(2);
            if (n == 5 && isPunct(line.get(2), "(") && line.get(3).kind == Kind.IDENTIFIER && isPunct(line.get(4), ")")) {
                x = line.get(3);
            }
            if (x != null) {
                f.guardState = GUARD_INSIDE;
                f.guardMacro = x.text;
                f.guardCond = conds.size();
            }
        }
    }

    private boolean evaluateIf(List<Token> line, Token directive, String name) {
        boolean saved = inIfDirective;
        inIfDirective = true;
        List<Token> expanded;
        try {
            expanded = expandList(line);
        } finally {
            inIfDirective = saved;
        }
        return IfExpression.evaluate(expanded, diags, directive.location, name);
    }

    /** {@code defined X} / {@code defined(X)} inside #if: 1 or 0, its operand not expanded. */
    private Token definedOperator(Token d) {
        Token t = readRaw();
        boolean paren = isPunct(t, "(");
        if (paren) t = readRaw();
        if (t.kind != Kind.IDENTIFIER) {
            diags.error(t.location == null ? d.location : t.location, "macro name must be an identifier");
            return made(Kind.NUMBER, "0", d);
        }
        boolean v = isDefined(t.text);
        if (paren) {
            Token c = readRaw();
            if (!isPunct(c, ")")) {
                diags.error(c.location == null ? d.location : c.location, "missing ')' after 'defined'");
                diags.note(d.location, "to match this '('");
            }
        }
        return made(Kind.NUMBER, v ? "1" : "0", d);
    }

    /**
     * Skips a group whose condition is false, up to the #else/#elif that is taken or the matching #endif. Only
     * conditional directives are looked at in between; the rest is lexed and dropped.
     */
    private void skipBlock() {
        FileFrame f = file;
        Lexer lexer = f.lexer;
        int depth = 0;
        while (true) {
            Token t = f.pending;
            if (t != null) f.pending = null;
            else t = lexer.next();
            if (t.kind == Kind.EOF) {
                f.pending = t; // endFile reports the unterminated conditionals
                return;
            }
            if (!(t.startOfLine && isPunct(t, "#"))) {
                lexer.skipRestOfLine();
                continue;
            }
            Token d = lexer.next();
            if (d.startOfLine || d.kind == Kind.EOF) {
                f.pending = d;
                continue;
            }
            if (d.kind != Kind.IDENTIFIER) {
                lexer.skipRestOfLine();
                continue;
            }
            switch (d.text) {
                case "if":
                case "ifdef":
                case "ifndef":
                    depth++;
                    lexer.skipRestOfLine();
                    break;
                case "endif":
                    lexer.skipRestOfLine();
                    if (depth == 0) {
                        closeCond();
                        return;
                    }
                    depth--;
                    break;
                case "else":
                    if (depth == 0) {
                        Cond c = currentCond();
                        if (c.sawElse) diags.error(d.location, "#else after #else");
                        c.sawElse = true;
                        noteGuardBranch(f);
                        if (!c.taken) {
                            c.taken = true;
                            extraTokens("else");
                            return;
                        }
                    }
                    lexer.skipRestOfLine();
                    break;
                case "elif":
                case "elifdef":
                case "elifndef":
                    if (depth == 0) {
                        Cond c = currentCond();
                        if (c.sawElse) diags.error(d.location, "#" + d.text + " after #else");
                        noteGuardBranch(f);
                        if (!c.taken) {
                            List<Token> line = lineTokens();
                            boolean v;
                            if (d.text.equals("elif")) {
                                v = evaluateIf(line, d, "elif");
                            } else if (line.isEmpty() || line.get(0).kind != Kind.IDENTIFIER) {
                                diags.error(line.isEmpty() ? d.location : line.get(0).location,
                                        line.isEmpty() ? "macro name missing" : "macro name must be an identifier");
                                v = false;
                            } else {
                                v = isDefined(line.get(0).text) == d.text.equals("elifdef");
                            }
                            if (v) {
                                c.taken = true;
                                return;
                            }
                            break;
                        }
                    }
                    lexer.skipRestOfLine();
                    break;
                default:
                    lexer.skipRestOfLine();
            }
        }
    }

    /** The macro name that starts a #define/#undef line, or null after reporting why there is none. */
    private Token macroName(Token directive, List<Token> line) {
        if (line.isEmpty()) {
            diags.error(directive.location, "macro name missing");
            return null;
        }
        Token name = line.get(0);
        if (name.kind != Kind.IDENTIFIER) {
            diags.error(name.location, "macro name must be an identifier");
            return null;
        }
        return name;
    }

    private void define(Token directive) {
        List<Token> line = lineTokens();
        Token name = macroName(directive, line);
        if (name == null) return;
        if (name.text.equals("defined")) {
            diags.error(name.location, "'defined' cannot be used as a macro name");
            return;
        }
        int n = line.size();
        int i = 1;
        boolean functionLike = false;
        boolean variadic = false;
        List<String> params = new ArrayList<>();
        if (n > 1 && isPunct(line.get(1), "(") && !line.get(1).spaceBefore) {
            functionLike = true;
            i = 2;
            if (i < n && isPunct(line.get(i), ")")) {
                i++;
            } else {
                while (true) {
                    if (i >= n) {
                        diags.error(line.get(n - 1).location, "missing ')' in macro parameter list");
                        return;
                    }
                    Token p = line.get(i++);
                    if (isPunct(p, "...")) {
                        variadic = true;
                        params.add("__VA_ARGS__");
                        if (i >= n || !isPunct(line.get(i), ")")) {
                            diags.error((i < n ? line.get(i) : p).location, "missing ')' in macro parameter list");
                            return;
                        }
                        i++;
                        break;
                    }
                    if (p.kind != Kind.IDENTIFIER) {
                        diags.error(p.location, "invalid token in macro parameter list");
                        return;
                    }
                    if (params.contains(p.text)) {
                        diags.error(p.location, "duplicate macro parameter name '" + p.text + "'");
                        return;
                    }
                    params.add(p.text);
                    if (i < n && isPunct(line.get(i), "...")) {
                        variadic = true;
                        i++;
                    }
                    if (i >= n) {
                        diags.error(line.get(n - 1).location, "expected comma in macro parameter list");
                        return;
                    }
                    Token sep = line.get(i++);
                    if (isPunct(sep, ")")) break;
                    if (variadic || !isPunct(sep, ",")) {
                        diags.error(sep.location, variadic ? "missing ')' in macro parameter list"
                                : "expected comma in macro parameter list");
                        return;
                    }
                }
            }
        } else if (n > 1 && !line.get(1).spaceBefore) {
            warn(line.get(1).location, "ISO C99 requires whitespace after the macro name [-Wc99-extensions]");
        }
        Token[] body = new Token[n - i];
        for (int k = i; k < n; k++) body[k - i] = line.get(k);
        if (body.length > 0 && body[0].spaceBefore) {
            Token b = body[0];
            body[0] = new Token(b.kind, b.text, b.location, false, false);
        }
        if (body.length > 0) {
            if (isPunct(body[0], "##")) {
                diags.error(body[0].location, "'##' cannot appear at start of macro expansion");
                return;
            }
            if (isPunct(body[body.length - 1], "##")) {
                diags.error(body[body.length - 1].location, "'##' cannot appear at end of macro expansion");
                return;
            }
        }
        Macro m = new Macro(name.text, functionLike, params.toArray(new String[0]), variadic, body, name.location);
        if (functionLike) {
            for (int k = 0; k < body.length; k++) {
                if (isPunct(body[k], "#") && (k + 1 >= body.length || (m.paramIndex[k + 1] < 0
                        && !(variadic && body[k + 1].is("__VA_OPT__"))))) {
                    diags.error((k + 1 < body.length ? body[k + 1] : body[k]).location,
                            "'#' is not followed by a macro parameter");
                    return;
                }
            }
        }
        Macro old = macro(name.text);
        if (old != null) {
            if (old.builtin != null) {
                warn(name.location, "redefining builtin macro [-Wbuiltin-macro-redefined]");
            } else if (!old.sameDefinitionAs(m)) {
                if (warn(name.location, "'" + name.text + "' macro redefined [-Wmacro-redefined]")
                        && old.location != null) {
                    diags.note(old.location, "previous definition is here");
                }
            }
        }
        setMacro(name.text, m);
    }

    private void undef(Token directive) {
        List<Token> line = lineTokens();
        Token name = macroName(directive, line);
        if (name == null) return;
        if (line.size() > 1) {
            warn(line.get(1).location, "extra tokens at end of #undef directive [-Wextra-tokens]");
        }
        Macro old = macro(name.text);
        if (old != null && old.builtin != null) {
            warn(name.location, "undefining builtin macro [-Wbuiltin-macro-redefined]");
        }
        setMacro(name.text, null);
    }

    private void include(Token directive, boolean next) {
        FileFrame f = file;
        Token h = f.lexer.nextHeaderName();
        HeaderName hn;
        SourceLocation at;
        if (h != null) {
            hn = headerName(List.of(h));
            at = h.location;
            extraTokens(directive.text);
        } else {
            List<Token> line = lineTokens();
            at = line.isEmpty() ? directive.location : line.get(0).location;
            hn = headerName(line);
            if (hn == null) hn = headerName(expandList(line));
            if (hn == null) {
                diags.error(at, "expected \"FILENAME\" or <FILENAME>");
                return;
            }
        }
        if (hn.name.isEmpty()) {
            diags.error(at, "empty filename");
            return;
        }
        HeaderSearch.Found found = lookup(hn.name, hn.angled, next, true, at);
        if (found == null) {
            diags.report(Severity.FATAL, at, "'" + hn.name + "' file not found");
            throw new FatalStop();
        }
        String key = canonical(found.path());
        boolean system = found.dirIndex() >= 0 ? search.isSystem(found.dirIndex()) : isSystemFile(f.source);
        depend(found.path(), system);
        if (isOnce(key)) return;
        String guard = guardMacro(key);
        if (guard != null && isDefined(guard)) return;
        if (f.depth + 1 > MAX_INCLUDE_DEPTH) {
            diags.error(at, "#include nested depth " + (f.depth + 1) + " exceeds maximum of " + MAX_INCLUDE_DEPTH);
            return;
        }
        SourceFile sf = load(found.path());
        if (sf == null) {
            diags.report(Severity.FATAL, at, "cannot open file '" + found.path() + "'");
            throw new FatalStop();
        }
        int depth = f.key == null ? f.parent == null ? 0 : f.parent.depth + 1 : f.depth + 1;
        // A header found next to its includer is as much a system header as the includer.
        if (system) {
            markSystemFile(sf);
        }
        entered(sf, f.source, depth);
        HeaderExpansion rec = null;
        if (cache != null && argumentReaders == 0) {
            HeaderExpansion done = cache.find(found.path(), found.dirIndex(), e -> canReuse(e, depth));
            if (done != null) {
                replay(done, depth);
                return;
            }
            rec = new HeaderExpansion(found.path(), found.dirIndex(), depth, output.size(), diagnosticCount(),
                    recording);
            recording = rec;
        }
        pushFile(sf, dirOf(found.path()), found.dirIndex(), key, depth, rec);
    }

    private void lineDirective(Token d, List<Token> line, boolean marker) {
        List<Token> toks = marker ? line : expandList(line);
        if (toks.isEmpty() || toks.get(0).kind != Kind.NUMBER) {
            diags.error(toks.isEmpty() ? d.location : toks.get(0).location,
                    "#line directive requires a positive integer argument");
            return;
        }
        int n;
        try {
            n = Integer.parseInt(toks.get(0).text);
        } catch (NumberFormatException e) {
            diags.error(toks.get(0).location, "#line directive requires a simple digit sequence");
            return;
        }
        String name = null;
        LineOverride old = lineOverride(file.source);
        if (old != null) name = old.name;
        if (toks.size() > 1 && toks.get(1).kind == Kind.STRING) {
            String s = toks.get(1).text;
            name = s.substring(1, s.length() - 1);
        }
        // The line after the directive is line n.
        FileFrame f = file;
        int nextLine = f.pending != null && f.pending.kind != Kind.EOF ? f.pending.location.line()
                : d.location.line() + 1;
        if (recording != null) recording.makeUncacheable();
        lineOverrides.put(f.source, new LineOverride(n - nextLine, name));
    }

    /** Acts on a pragma ({@code toks} follow the word "pragma"); returns the PRAGMA token the parser sees, if any. */
    private Token pragma(List<Token> toks, Token at) {
        if (toks.isEmpty()) return null;
        String first = toks.get(0).text;
        String second = toks.size() > 1 ? toks.get(1).text : "";
        switch (first) {
            case "once":
                if (file == null || file.parent == null || file.key == null) {
                    warn(toks.get(0).location, "#pragma once in main file [-Wpragma-once-outside-header]");
                } else {
                    markOnce(file.key);
                }
                return null;
            case "push_macro":
            case "pop_macro": {
                String name = pragmaStringArg(toks);
                if (name == null) {
                    diags.error(toks.get(0).location, "pragma " + first + " requires a parenthesized string");
                    return null;
                }
                name = interner.intern(name);
                if (recording != null) recording.makeUncacheable();
                ArrayDeque<Macro[]> stack = pushedMacros.computeIfAbsent(name, k -> new ArrayDeque<>());
                if (first.equals("push_macro")) {
                    stack.push(new Macro[] {macro(name)}); // null inside: "was not defined"
                } else if (!stack.isEmpty()) {
                    setMacro(name, stack.pop()[0]);
                }
                return null;
            }
            case "GCC":
            case "clang":
                if (second.equals("system_header")) {
                    if (file != null && file.parent != null && file.key != null) markSystemFile(file.source);
                    else warn(toks.get(1).location, "#pragma system_header ignored in main file "
                            + "[-Wpragma-system-header-outside-header]");
                    return null;
                }
                if (second.equals("poison")) return null;
                if (second.equals("warning") || second.equals("error")) {
                    String msg = pragmaMessage(toks.subList(2, toks.size()));
                    if (second.equals("warning")) warn(toks.get(1).location, msg + " [-W#pragma-messages]");
                    else diags.error(toks.get(1).location, msg);
                }
                break;
            case "message": {
                String msg = pragmaMessage(toks.subList(1, toks.size()));
                warn(toks.get(0).location, msg + " [-W#pragma-messages]");
                break;
            }
            default:
                break;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (i > 0 && (t.spaceBefore || t.startOfLine)) sb.append(' ');
            sb.append(t.text);
        }
        return new Token(Kind.PRAGMA, sb.toString(), at.location, false, true);
    }

    /** The string of {@code ("name")} after a pragma's first word. */
    private static String pragmaStringArg(List<Token> toks) {
        if (toks.size() < 4 || !isPunct(toks.get(1), "(") || toks.get(2).kind != Kind.STRING
                || !isPunct(toks.get(3), ")")) {
            return null;
        }
        String s = toks.get(2).text;
        return s.substring(1, s.length() - 1);
    }

    /** The message of {@code #pragma message("...")} / {@code GCC warning "..."}: the string literals' contents. */
    private static String pragmaMessage(List<Token> toks) {
        StringBuilder sb = new StringBuilder();
        for (Token t : toks) {
            if (t.kind == Kind.STRING) sb.append(t.text, t.text.indexOf('"') + 1, t.text.length() - 1);
        }
        return sb.toString();
    }
}
