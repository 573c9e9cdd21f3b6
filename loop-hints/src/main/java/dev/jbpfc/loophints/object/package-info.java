/**
 * Reading BPF objects for the template loop checker, trusting nothing in them.
 *
 * <ul>
 * <li>{@link dev.jbpfc.loophints.object.BpfObjectFile}: the ELF64 little-endian relocatable object (section
 *     headers, symbols, code sections, FUNC symbols, {@code .BTF} through btf-emit's {@code BtfReader},
 *     {@code .BTF.ext} through {@code BtfExtReader}); any inconsistency is an
 *     {@link dev.jbpfc.loophints.object.ObjectFormatException} with a one-line message;</li>
 * <li>{@link dev.jbpfc.loophints.object.BpfObjectFunctions}: each function as the checker's
 *     {@link dev.jbpfc.loophints.FunctionCode} (section, name, program or subprogram, bytes, the DECL_TAG values of
 *     its BTF FUNC).</li>
 * </ul>
 * {@link dev.jbpfc.loophints.CheckLoops} strings them together with the checker; {@code jbpfc check-loops} prints
 * the result. Nothing here relocates, links or loads.
 */
package dev.jbpfc.loophints.object;
