package dev.jbpfc.loophints;

import java.util.List;

/**
 * One function of an object as the checker sees it: where it is, its raw instruction bytes (untrusted: they may
 * not even decode), and the values of every DECL_TAG on its BTF FUNC with component index -1 (loop hints and any
 * other tags; the checker picks out the ones that start with {@link LoopHint#PREFIX}).
 *
 * @param section the ELF section of the code (a program's section such as {@code xdp}, or {@code .text} for a
 *                subprogram)
 * @param name    the function's symbol name
 * @param isProgram whether this is a program's entry function (a non-{@code .text} section)
 */
public record FunctionCode(String section, String name, boolean isProgram, byte[] code, List<String> tags) {
}
