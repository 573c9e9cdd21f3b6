package dev.jbpfc.testsuite.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The small C programs under src/test/resources/.../oracle, compiled by clang-22 like the corpus is. */
final class TestPrograms {
    private TestPrograms() {
    }

    static Path source(String name) {
        try {
            return Path.of(TestPrograms.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }

    /** The selftests' include flags with the given optimisation level, --target=bpf -mcpu=v3. */
    static List<String> flags(String opt) {
        OracleRequirement.corpus();
        List<String> f = OracleRequirement.selftestsFlags();
        f.replaceAll(x -> x.equals("-O2") ? opt : x);
        return f;
    }

    /** Compiles with the selftests' flags (so <bpf/bpf_helpers.h> and <linux/bpf.h> resolve as for the corpus). */
    static Path compile(String name) {
        ClangReference clang = OracleRequirement.clang();
        OracleRequirement.corpus();
        List<String> flags = OracleRequirement.selftestsFlags();
        ClangResult r = clang.compile(source(name), flags);
        assertTrue(r.ok(), () -> name + " does not compile with clang:\n" + r.diagnostics());
        return r.object();
    }

    /** An Ethernet frame: destination MAC 02..07, source MAC 0a..0f, the EtherType, then the payload. */
    static byte[] frame(int etherType, byte... payload) {
        byte[] f = new byte[14 + payload.length];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (2 + i);
            f[6 + i] = (byte) (10 + i);
        }
        f[12] = (byte) (etherType >> 8);
        f[13] = (byte) etherType;
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    /** A 20-byte IPv4 header with the given protocol (other fields zero: the programs here do not check them). */
    static byte[] ipv4(int proto, int extra) {
        byte[] ip = new byte[20 + extra];
        ip[0] = 0x45;
        ip[9] = (byte) proto;
        return ip;
    }
}
