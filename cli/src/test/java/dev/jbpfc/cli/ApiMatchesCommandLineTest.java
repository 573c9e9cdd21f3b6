package dev.jbpfc.cli;

import dev.jbpfc.api.BpfCompiler;
import dev.jbpfc.api.CompileOptions;
import dev.jbpfc.api.CompileResult;
import dev.jbpfc.api.Dependency;
import dev.jbpfc.api.SourceSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example compiled through the Java API from memory gives the object the command line gives, byte for byte.
 * The sources are an isolated {@link SourceSet} (nothing read from the disk) holding exactly the files the compile
 * reads, under the same paths: the example, vmlinux.h, the libbpf and kernel headers. The command line runs as
 * {@code jbpfc ... -c EXAMPLE -o OBJ} in process with the same flags; the API gets them from the same parser.
 */
class ApiMatchesCommandLineTest {
    @TestFactory
    Stream<DynamicTest> examplesFromMemoryAreByteIdenticalToTheCommandLine() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(ExamplesTest.EXAMPLES), Files.list(ExamplesTest.EXAMPLES.resolve("loops")))) {
            files = s.filter(p -> p.toString().endsWith(".bpf.c")).sorted().toList();
        }
        assertEquals(9, files.size(), "examples/*.bpf.c and examples/loops/*.bpf.c");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> check(f)));
    }

    private static void check(Path source) throws Exception {
        if (Files.readString(source).contains("vmlinux.h")) ExamplesTest.vmlinuxHeader();
        Files.createDirectories(ExamplesTest.OUT);
        Path obj = ExamplesTest.OUT.resolve(source.getFileName().toString().replaceFirst("\\.c$", ".cli.o"));
        List<String> args = new ArrayList<>(ExamplesTest.flags());
        args.addAll(List.of("-c", source.toString(), "-o", obj.toString()));
        InProcessJbpfc.succeed("", args);
        byte[] commandLine = Files.readAllBytes(obj);

        OptionParser parser = new OptionParser();
        Options o = parser.parse(args.toArray(String[]::new));
        assertEquals(List.of(), parser.errors());
        CompileOptions options = InputCompilation.compileOptions(o, source);
        BpfCompiler compiler = new BpfCompiler();
        CompileResult fromDisk = compiler.compile(options, source);
        assertTrue(fromDisk.success(), fromDisk.renderedDiagnostics());

        SourceSet.Builder memory = SourceSet.builder().isolated(true);
        for (Dependency d : fromDisk.dependencies()) memory.add(d.path(), Files.readAllBytes(Path.of(d.path())));
        CompileResult fromMemory = compiler.compile(options, memory.build(), source.toString());
        assertTrue(fromMemory.success(), fromMemory.renderedDiagnostics());
        assertTrue(fromDisk.dependencies().size() > 1, "the example includes headers: " + fromDisk.dependencies());
        assertEquals(fromDisk.dependencies(), fromMemory.dependencies());
        assertArrayEquals(commandLine, fromMemory.object(), source + ": the API's object from memory differs from jbpfc -c's");
    }
}
