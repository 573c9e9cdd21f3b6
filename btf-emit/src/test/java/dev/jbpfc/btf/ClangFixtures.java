package dev.jbpfc.btf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compiles the C files under src/test/resources/clang with clang-22 and extracts their .BTF and .BTF.ext. */
final class ClangFixtures {
    private ClangFixtures() {}

    /** The fixture files, listed in resources/clang/INDEX (one name per line). */
    static List<String> names() throws IOException {
        try (InputStream in = ClangFixtures.class.getResourceAsStream("/clang/INDEX")) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes()).split("\n")) if (!line.isBlank()) out.add(line.trim());
            return out;
        }
    }

    record Compiled(Path object, byte[] btf, byte[] btfExt) {}

    static Compiled compile(String name) throws IOException {
        Path clang = Oracle.requireTool("clang-22");
        Path objcopy = Oracle.requireTool("llvm-objcopy-22");
        Path dir = Oracle.WORK.resolve("clang");
        Files.createDirectories(dir);
        Path src = dir.resolve(name);
        try (InputStream in = ClangFixtures.class.getResourceAsStream("/clang/" + name)) {
            Files.write(src, in.readAllBytes());
        }
        return compile(src, List.of("-g"), dir);
    }

    /** Compiles {@code src} with {@code flags} plus -O2 --target=bpf -mcpu=v3 into {@code dir}; null if clang refuses it. */
    static Compiled compile(Path src, List<String> flags, Path dir) throws IOException {
        Path clang = Oracle.requireTool("clang-22");
        Path objcopy = Oracle.requireTool("llvm-objcopy-22");
        Files.createDirectories(dir);
        String name = src.getFileName().toString();
        Path obj = dir.resolve(name + ".o");
        List<String> cmd = new ArrayList<>(List.of(clang.toString()));
        cmd.addAll(flags);
        cmd.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3", "-c", src.toString(), "-o", obj.toString()));
        // Reuse an object compiled from the same source with the same command (sweeps are slow, clang is the cost).
        Path stamp = dir.resolve(name + ".cmd");
        String cmdLine = String.join(" ", cmd);
        boolean fresh = Files.exists(obj) && Files.exists(stamp) && Files.readString(stamp).equals(cmdLine)
                && Files.getLastModifiedTime(obj).compareTo(Files.getLastModifiedTime(src)) >= 0;
        if (!fresh) {
            Files.deleteIfExists(stamp);
            Oracle.Result r = Oracle.run(cmd);
            if (r.exit() != 0) throw new AssertionError("clang-22 failed on " + name + ":\n" + r.err());
            Files.writeString(stamp, cmdLine);
        }
        Oracle.Result r;
        Path btf = dir.resolve(name + ".btf"), ext = dir.resolve(name + ".btf.ext");
        Files.deleteIfExists(ext);
        r = Oracle.run(List.of(objcopy.toString(), "--dump-section", ".BTF=" + btf, obj.toString()));
        if (r.exit() != 0) throw new AssertionError("llvm-objcopy-22 failed on " + name + ":\n" + r.err());
        Oracle.run(List.of(objcopy.toString(), "--dump-section", ".BTF.ext=" + ext, obj.toString()));
        return new Compiled(obj, Files.readAllBytes(btf), Files.exists(ext) ? Files.readAllBytes(ext) : null);
    }
}
