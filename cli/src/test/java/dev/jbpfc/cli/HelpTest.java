package dev.jbpfc.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --help} prints the flag list, and every flag it names is one the option parser accepts. */
class HelpTest {
    @Test
    void helpPrintsTheGroupedFlagList() {
        InProcessJbpfc help = InProcessJbpfc.run("--help");
        assertEquals(0, help.status());
        String text = help.stdout();
        assertTrue(text.startsWith("OVERVIEW: "), text);
        for (String group : List.of("USAGE:", "ACTIONS", "OUTPUT:", "PREPROCESSOR:", "DEPENDENCY FILES",
                "DIAGNOSTICS:", "JBPFC'S OWN:")) {
            assertTrue(text.contains("\n" + group), "group " + group);
        }
        assertTrue(text.lines().count() > 40, "one line per flag");
    }

    /** Each flag at the start of a help line, with a sample value where it takes one, parses without error. */
    @Test
    void everyFlagTheHelpNamesIsAccepted() {
        Pattern flag = Pattern.compile("^  (-[-A-Za-z0-9=#]+)(?:=<[a-z]+>| <[a-z]+>(?:\\[=<value>\\])?| bpf)?(?:\\s|,|$)");
        List<String> seen = new ArrayList<>();
        for (String line : Help.text().split("\n")) {
            for (String part : line.split(", ")) {
                Matcher m = flag.matcher(part.startsWith("  ") ? part : "  " + part);
                if (!line.startsWith("  -") || !m.find()) continue;
                String f = m.group(1);
                String whole = m.group(0).trim();
                List<String> args = new ArrayList<>();
                if (whole.contains("=<")) args.add(f + "=" + sample(f));
                else args.add(f);
                if (whole.endsWith(" bpf")) args.add("bpf");
                if (whole.contains(" <")) args.add(f.equals("-D") || f.equals("-U") ? "X" : f.equals("-x") ? "c" : "x");
                if (f.startsWith("-W") && f.length() == 2) continue; // -W<warning>: a family, not a flag
                OptionParser p = new OptionParser();
                p.parse(args.toArray(String[]::new));
                assertEquals(List.of(), p.errors(), "help names " + args);
                seen.add(f);
            }
        }
        assertTrue(seen.size() > 35, "flags found in the help: " + seen);
    }

    private static String sample(String flag) {
        return switch (flag) {
            case "-mcpu" -> "v3";
            case "-ferror-limit", "-fbracket-depth" -> "5";
            case "--target" -> "bpf";
            case "-std" -> "gnu11";
            case "-floop-lowering" -> "bpf-loop";
            default -> "x";
        };
    }
}
