package dev.jbpfc.backend.btf;

import dev.jbpfc.backend.BtfExtRecords;
import dev.jbpfc.backend.BtfSections;
import dev.jbpfc.backend.mir.CoreRelocation;
import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfExtBuilder;
import dev.jbpfc.btf.CoreReloKind;
import dev.jbpfc.ir.Module;
import dev.jbpfc.source.SourceFile;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link BtfSections} over btf-emit: the frontend's {@link BtfBuilder} (types) plus a {@link BtfExtBuilder} fed
 * with the backend's records. Line info takes file names from the IR module and line texts from its source
 * files when the frontend attached them. .BTF is encoded after the .BTF.ext records, whose strings go into its
 * string table. Before either, the builder keeps only the types the object carries ({@link BtfBuilder#retainUsed}:
 * what functions, variables and CO-RE relocations reach, structs behind member pointers as FWD), which renumbers
 * them: the records here and the TYPE_ID relocated constants ({@link Encoded#typeIds}) take the new ids.
 */
public final class BuilderBtfSections implements BtfSections {
    private final BtfBuilder btf;
    private final Module module;

    public BuilderBtfSections(BtfBuilder btf, Module module) {
        this.btf = btf;
        this.module = module;
    }

    /** Set by {@link #encode}: the builder then holds the renumbered types, which the backend's ids no longer name. */
    private boolean encoded;

    @Override
    public Encoded encode(BtfExtRecords records) {
        if (encoded) throw new IllegalStateException("the BTF of a module is encoded once (its types were renumbered)");
        encoded = true;
        for (BtfExtRecords.LoopHintTag h : records.loopHints) btf.addDeclTag(h.text(), h.btfFuncId(), -1);
        int[] coreTypes = records.coreRelocs.stream().mapToInt(BtfExtRecords.CoreReloc::btfTypeId).toArray();
        int[] newId = btf.retainUsed(coreTypes);
        BtfExtBuilder ext = new BtfExtBuilder(btf);
        for (BtfExtRecords.FuncInfo f : records.funcInfos) ext.addFuncInfo(f.section(), (int) f.insnOffset(), newId[f.btfFuncId()]);
        for (BtfExtRecords.LineInfo l : records.lineInfos) {
            String file = l.file() < module.files().size() ? module.files().get(l.file()) : "";
            SourceFile text = module.fileText(l.file());
            String lineText = text != null ? text.lineText(l.line()) : "";
            ext.addLineInfo(l.section(), (int) l.insnOffset(), file, lineText == null ? "" : lineText, l.line(), l.column());
        }
        for (BtfExtRecords.CoreReloc c : records.coreRelocs) {
            ext.addCoreRelo(c.section(), (int) c.insnOffset(), newId[c.btfTypeId()], c.accessString(), CoreReloKind.ofValue(c.kind()));
        }
        byte[] extBytes = null;
        List<ExtRelocation> relocations = new ArrayList<>();
        if (!ext.isEmpty()) {
            BtfExtBuilder.Encoded encoded = ext.encode();
            extBytes = encoded.bytes();
            for (BtfExtBuilder.Relocation r : encoded.relocations()) relocations.add(new ExtRelocation(r.offset(), r.section()));
        }
        return new Encoded(btf.encode(), extBytes, relocations, id -> newId[id]);
    }

    @Override
    public long coreLocalValue(CoreRelocation relocation) {
        if (encoded) throw new IllegalStateException("CO-RE local values are taken before the BTF is encoded");
        return CoreLocalValue.of(btf, relocation);
    }
}
