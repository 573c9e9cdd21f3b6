package dev.jbpfc.ir;

import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One translation unit: source files (for debug locations), globals, extern function declarations and functions,
 * each list in the order the ELF writer should emit them.
 */
public final class Module {
    private final List<String> files = new ArrayList<>();
    private final Map<Integer, SourceFile> fileTexts = new HashMap<>();
    private final NamedList<Global> globals = new NamedList<>(Global::name);
    private final NamedList<ExternFunction> externs = new NamedList<>(ExternFunction::name);
    private final NamedList<Function> functions = new NamedList<>(Function::name);

    /** Paths of the files {@link DebugLoc#file()} indexes. */
    public List<String> files() { return files; }

    public int addFile(String path) {
        int i = files.indexOf(path);
        if (i >= 0) return i;
        files.add(path);
        return files.size() - 1;
    }

    /** The text of file {@code index} for line_info's line strings, when the frontend supplied it (else null). */
    public SourceFile fileText(int index) { return fileTexts.get(index); }

    /** Where a debug location is in its file's text (for a diagnostic or a remark), or null when there is none. */
    public SourceLocation sourceLocation(DebugLoc loc) {
        if (loc == null || loc.line() <= 0) return null;
        SourceFile file = fileText(loc.file());
        if (file == null) return null;
        String text = file.text();
        int offset = 0;
        for (int line = 1; line < loc.line(); line++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) return null;
            offset = nl + 1;
        }
        return new SourceLocation(file, Math.min(text.length(), offset + Math.max(0, loc.column() - 1)));
    }

    public int addFile(SourceFile file) {
        int i = addFile(file.path());
        fileTexts.put(i, file);
        return i;
    }

    public List<Global> globals() { return globals; }

    public List<ExternFunction> externs() { return externs; }

    public List<Function> functions() { return functions; }

    public Global global(String name) {
        return globals.find(name);
    }

    public Function function(String name) {
        return functions.find(name);
    }

    public ExternFunction extern(String name) {
        return externs.find(name);
    }

    /** Whether {@code name} is a global, function or extern of this module. */
    public boolean hasSymbol(String name) {
        return global(name) != null || function(name) != null || extern(name) != null;
    }

    @Override
    public String toString() { return dev.jbpfc.ir.text.IrPrinter.print(this); }
}
