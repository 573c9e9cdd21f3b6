package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.ir.Module;

/**
 * The result of lowering one translation unit: the IR module (functions carry their BTF FUNC ids for .BTF.ext
 * func_info, instructions their {@code !loc} for line_info, {@code core_field} instructions their BTF root ids and
 * access strings for CO-RE records) and the BTF builder holding every type, FUNC, VAR and DATASEC, ready for
 * {@link BtfBuilder#encode()} once .BTF.ext strings are added.
 */
public record LoweredUnit(Module module, BtfBuilder btf) {}
