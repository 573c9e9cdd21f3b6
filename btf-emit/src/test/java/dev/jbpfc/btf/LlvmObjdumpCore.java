package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbpfc.btf.BtfExt.CoreRelo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CO-RE relocations llvm-objdump -dr prints for an object, next to ours rendered the same way. */
final class LlvmObjdumpCore {
    private LlvmObjdumpCore() {}

    /**
     * "section offset CO-RE <kind> description" per relocation, sorted: llvm-objdump goes through sections in ELF
     * order, .BTF.ext lists them in its own order.
     */
    static List<String> llvm(Path object) {
        Path objdump = Oracle.requireTool("llvm-objdump-22");
        Oracle.Result r = Oracle.run(List.of(objdump.toString(), "-dr", object.toString()));
        assertEquals(0, r.exit(), r.err());
        List<String> out = new ArrayList<>();
        String section = null;
        Pattern sec = Pattern.compile("^Disassembly of section (\\S+):$");
        Pattern core = Pattern.compile("^\\s+([0-9a-f]+):\\s+(CO-RE <\\w+> .*?)\\s*$");
        for (String line : r.out().split("\n")) {
            Matcher m = sec.matcher(line);
            if (m.matches()) section = m.group(1);
            m = core.matcher(line);
            if (m.matches()) out.add(section + " " + Integer.parseInt(m.group(1), 16) + " " + m.group(2));
        }
        out.sort(null);
        return out;
    }

    static List<String> ours(Btf btf, List<CoreRelo> relos) {
        List<String> out = new ArrayList<>();
        for (CoreRelo c : relos) {
            out.add(c.section() + " " + c.insnOff() + " CO-RE <" + c.kind().shortName + "> "
                    + CoreAccessString.describe(btf::type, c.typeId(), c.accessString(), c.kind()));
        }
        out.sort(null);
        return out;
    }
}
