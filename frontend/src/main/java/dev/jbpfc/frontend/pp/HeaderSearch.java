package dev.jbpfc.frontend.pp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the file an {@code #include} names, in clang's order. One list of directories:
 * <pre>
 *   [-iquote dirs] [-I dirs] [-isystem dirs] [-idirafter dirs]
 *    ^ "..." starts here, after the includer's own directory
 *                  ^ &lt;...&gt; starts here ({@link #angledStart})
 * </pre>
 * The BPF target has no default system directories; jbpfc's own headers (stddef.h, stdint.h, ...: the ones a
 * compiler provides) sit where clang's resource directory does, after the -isystem directories, in the virtual
 * directory {@link #BUILTIN_DIR}, read from the class path. {@code #include_next} continues after the directory the
 * current file was found in. A found file's path is the directory as the user spelled it, "/", then the name,
 * which is what __FILE__ and line markers show.
 */
final class HeaderSearch {
    /** A found header: its path and the index of the directory it was found in (-1: next to its includer). */
    record Found(String path, int dirIndex) {}

    /** The made-up directory of jbpfc's own headers. */
    static final String BUILTIN_DIR = "<jbpfc-builtin>/include";
    private static final String BUILTIN_RESOURCES = "include/";

    private final List<String> dirs = new ArrayList<>();
    private final List<Boolean> system = new ArrayList<>();
    private final int angledStart;
    private final Map<String, Boolean> exists = new HashMap<>();
    private final SourceTree files;
    private final SharedSourceFiles shared;

    HeaderSearch(PreprocessorOptions o) {
        files = o.files;
        shared = o.sharedFiles;
        for (Path p : o.quoteDirs) add(p, false);
        int quoteCount = dirs.size();
        List<String> seen = new ArrayList<>();
        // clang drops a -I directory that is also a system directory, keeping the system one.
        List<String> systemNames = new ArrayList<>();
        for (Path p : o.systemDirs) systemNames.add(spell(p));
        for (Path p : o.angledDirs) {
            String s = spell(p);
            if (systemNames.contains(s) || seen.contains(s)) continue;
            seen.add(s);
            add(p, false);
        }
        for (Path p : o.systemDirs) {
            String s = spell(p);
            if (seen.contains(s)) continue;
            seen.add(s);
            add(p, true);
        }
        // clang --target=bpf on Linux searches /usr/local/include, its resource directory, then /usr/include
        // (see `clang-22 --target=bpf -v -E -`); -nostdinc drops all three.
        if (o.builtinIncludes) {
            addIfAbsent("/usr/local/include", seen);
            dirs.add(BUILTIN_DIR);
            system.add(true);
            addIfAbsent("/usr/include", seen);
        }
        for (Path p : o.afterDirs) {
            String s = spell(p);
            if (seen.contains(s)) continue;
            seen.add(s);
            add(p, true);
        }
        angledStart = quoteCount;
    }

    private static String spell(Path p) {
        String s = p.toString();
        while (s.length() > 1 && s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }

    private void add(Path p, boolean sys) {
        dirs.add(spell(p));
        system.add(sys);
    }

    /** The search path as text: equal for two searches that find every name in the same place. */
    String fingerprint() {
        return angledStart + " " + dirs + " " + system + " " + files.fingerprint();
    }

    boolean isSystem(int dirIndex) { return dirIndex >= 0 && system.get(dirIndex); }

    static String join(String dir, String name) {
        if (dir.isEmpty()) return name;
        if (dir.endsWith("/")) return dir + name;
        return dir + "/" + name;
    }

    boolean isFile(String path) {
        Boolean b = exists.get(path);
        if (b == null) {
            if (path.startsWith(BUILTIN_DIR + "/")) {
                b = HeaderSearch.class.getResource(BUILTIN_RESOURCES + path.substring(BUILTIN_DIR.length() + 1)) != null;
            } else {
                b = files.isFile(path);
            }
            exists.put(path, b);
            if (shared != null) shared.probed(path, b);
        }
        return b;
    }

    /** The text of one of jbpfc's own headers, or null if {@code path} is not one. */
    static byte[] builtinHeader(String path) {
        if (!path.startsWith(BUILTIN_DIR + "/")) return null;
        try (java.io.InputStream in = HeaderSearch.class.getResourceAsStream(
                BUILTIN_RESOURCES + path.substring(BUILTIN_DIR.length() + 1))) {
            return in == null ? null : in.readAllBytes();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * @param includerDir directory of the including file ("" for the working directory), or null when the
     *                    includer's directory must not be searched ({@code #include_next})
     * @param start       first directory index to search
     */
    Found find(String name, boolean angled, String includerDir, int start) {
        if (name.startsWith("/")) return isFile(name) ? new Found(name, -1) : null;
        if (!angled && includerDir != null) {
            String p = join(includerDir, name);
            if (isFile(p)) return new Found(p, -1);
        }
        int from = Math.max(start, angled ? angledStart : 0);
        for (int i = from; i < dirs.size(); i++) {
            String p = join(dirs.get(i), name);
            if (isFile(p)) return new Found(p, i);
        }
        return null;
    }

    /** Adds a default system directory unless the command line already named it (clang keeps the first). */
    private void addIfAbsent(String dir, List<String> seen) {
        if (seen.contains(dir)) return;
        seen.add(dir);
        dirs.add(dir);
        system.add(true);
    }
}
