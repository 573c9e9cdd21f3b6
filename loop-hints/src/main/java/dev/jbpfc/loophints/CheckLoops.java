package dev.jbpfc.loophints;

import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.loophints.object.BpfObjectFunctions;
import dev.jbpfc.loophints.object.ObjectFormatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The template loop checker over whole objects, for library use: read each object ({@link BpfObjectFile}), take
 * its functions ({@link BpfObjectFunctions}) and check each ({@link LoopChecker#check}). {@code ./jbpfc
 * check-loops} is this plus printing.
 *
 * <pre>
 *   for (FunctionReport r : CheckLoops.run(List.of(Path.of("prog.bpf.o"))))
 *       if (!r.proved()) System.out.println(r.section() + "/" + r.name() + " is not proved to terminate");
 * </pre>
 */
public final class CheckLoops {
    private CheckLoops() {}

    /** The reports of one object, in the order of {@link BpfObjectFunctions#of}. */
    public record ObjectReport(Path file, List<FunctionReport> functions) {
        public boolean proved() {
            return functions.stream().allMatch(FunctionReport::proved);
        }
    }

    /**
     * Checks every function of every object, in order. The first object that cannot be read or is not a BPF
     * object stops the run with an {@link ObjectFormatException} whose message starts with its path.
     */
    public static List<FunctionReport> run(List<Path> objects) throws ObjectFormatException {
        List<FunctionReport> out = new ArrayList<>();
        for (Path p : objects) out.addAll(check(p, LoopChecker::check).functions());
        return out;
    }

    /** Reads one object and checks its functions with {@code checker} (tests pass their own). */
    public static ObjectReport check(Path object, Function<FunctionCode, FunctionReport> checker) throws ObjectFormatException {
        return new ObjectReport(object, check(read(object), checker));
    }

    public static List<FunctionReport> check(BpfObjectFile file, Function<FunctionCode, FunctionReport> checker) {
        List<FunctionReport> out = new ArrayList<>();
        for (FunctionCode f : BpfObjectFunctions.of(file)) out.add(checker.apply(f));
        return out;
    }

    /** Reads an object; unreadable files and bad contents are both an ObjectFormatException "PATH: why". */
    public static BpfObjectFile read(Path object) throws ObjectFormatException {
        try {
            return BpfObjectFile.read(object);
        } catch (NoSuchFileException e) {
            throw new ObjectFormatException(object + ": no such file or directory");
        } catch (IOException e) {
            throw new ObjectFormatException(object + ": cannot read: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } catch (ObjectFormatException e) {
            throw new ObjectFormatException(object + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new ObjectFormatException(object + ": too large to read");
        }
    }
}
