package dev.jbpfc.cli;

import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Functions written entirely in inline asm ({@code __naked}) come out byte for byte as clang-22 assembles them:
 * the asm is emitted as written, its jumps to the next instruction and its unreachable instructions included
 * ({@code verifier_cfg.c}'s {@code unreachable2}: {@code goto +1; goto +0; exit}, which the verifier test expects
 * to be refused as unreachable).
 */
class InlineAsmBytesVsClangTest {
    private static final Path OUT = Path.of("target/asm-bytes").toAbsolutePath();

    @Test
    void verifierCfgFunctionsMatchClangByteForByte() throws Exception {
        Path src = OracleRequirement.corpus().resolve("src/tools/testing/selftests/bpf/progs/verifier_cfg.c");
        List<String> flags = new ArrayList<>(OracleRequirement.selftestsFlags());
        flags.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3"));
        String clang = OracleRequirement.clang().executable();
        Files.createDirectories(OUT);

        Path clangOut = OUT.resolve("verifier_cfg.clang.o");
        List<String> argv = new ArrayList<>(List.of(clang));
        argv.addAll(flags);
        argv.addAll(List.of("-c", src.toString(), "-o", clangOut.toString()));
        CommandResult r = Command.run(argv, null, Duration.ofSeconds(300));
        assertEquals(0, r.exitCode(), r.stderr());

        Path ours = OUT.resolve("verifier_cfg.jbpfc.o");
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-c", src.toString(), "-o", ours.toString()));
        InProcessJbpfc.succeed("", args);

        Map<String, String> want = functionBytes(BpfObjectFile.read(clangOut));
        assertTrue(want.containsKey("unreachable2") && want.size() >= 8, "functions read from clang's object: " + want.keySet());
        assertEquals("05000100000000000500000000000000" + "9500000000000000", want.get("unreachable2"));
        assertEquals(want, functionBytes(BpfObjectFile.read(ours)));
    }

    private static Map<String, String> functionBytes(BpfObjectFile o) {
        Map<String, String> out = new TreeMap<>();
        for (BpfObjectFile.FunctionSymbol f : o.functions()) out.put(f.name(), HexFormat.of().formatHex(o.code(f)));
        return out;
    }
}
