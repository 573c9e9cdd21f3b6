package dev.jbpfc.api;

import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.loophints.object.ObjectFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * What a loader needs to know of a BPF object without parsing it, as {@code bpftool gen skeleton} collects it: its
 * programs (entry functions, by name, with the ELF section that gives libbpf their type and attach point) and its
 * maps (the symbols of {@code .maps}, and of the legacy {@code maps} section). For {@code xdp_counter.bpf.o}:
 * <pre>
 * {"object":"xdp_counter.bpf.o","programs":[{"name":"count_packets","section":"xdp"}],"maps":[{"name":"counts"}]}
 * </pre>
 */
public record ObjectMetadata(String object, List<Program> programs, List<Map> maps) {
    /** A program: its function's name and its section ({@code xdp}, {@code kprobe/do_unlinkat}, ...). */
    public record Program(String name, String section) {}

    /** A map, by its variable's name. */
    public record Map(String name) {}

    public ObjectMetadata {
        programs = List.copyOf(programs);
        maps = List.copyOf(maps);
    }

    /** Reads the programs and maps of an object's bytes; {@code object} is the name it goes by. */
    public static ObjectMetadata of(String object, byte[] elf) {
        BpfObjectFile f;
        try {
            f = BpfObjectFile.parse(elf.clone());
        } catch (ObjectFormatException e) {
            throw new IllegalArgumentException("not a BPF object: " + e.getMessage(), e);
        }
        List<Program> programs = new ArrayList<>();
        for (BpfObjectFile.FunctionSymbol fn : f.functions()) {
            if (fn.isProgram()) programs.add(new Program(fn.name(), fn.section().name()));
        }
        List<Map> maps = new ArrayList<>();
        for (BpfObjectFile.Symbol s : f.symbols()) {
            if (s.name().isEmpty() || s.type() == 3 /* STT_SECTION */) continue;
            String section = f.sections().stream().filter(x -> x.index() == s.sectionIndex())
                    .map(BpfObjectFile.Section::name).findFirst().orElse("");
            if (section.equals(".maps") || section.equals("maps")) {
                maps.add(new Map(s.name()));
            }
        }
        return new ObjectMetadata(object, programs, maps);
    }

    /** The metadata as one line of JSON (the Maven plugin writes it beside the object). */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"object\":").append(quote(object)).append(",\"programs\":[");
        for (int i = 0; i < programs.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"name\":").append(quote(programs.get(i).name()))
                    .append(",\"section\":").append(quote(programs.get(i).section())).append('}');
        }
        sb.append("],\"maps\":[");
        for (int i = 0; i < maps.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"name\":").append(quote(maps.get(i).name())).append('}');
        }
        return sb.append("]}").toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
