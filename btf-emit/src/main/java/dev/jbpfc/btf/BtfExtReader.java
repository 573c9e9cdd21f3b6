package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfExt.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a .BTF.ext section into {@link BtfExt} records, resolving string offsets through the .BTF it belongs to.
 * Accepts records larger than today's (a newer producer's), reading their known prefix, as libbpf does; a
 * header without the core_relo fields (hdr_len 24) means no CO-RE relocations.
 */
public final class BtfExtReader {
    private BtfExtReader() {}

    public static BtfExt read(byte[] data, Btf btf) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 24) throw new BtfFormatException(".BTF.ext shorter than its header");
        if ((b.getShort(0) & 0xffff) != BtfWriter.MAGIC) throw new BtfFormatException(String.format("bad .BTF.ext magic 0x%x", b.getShort(0) & 0xffff));
        if (b.get(2) != BtfWriter.VERSION) throw new BtfFormatException("unsupported .BTF.ext version " + b.get(2));
        int hdrLen = b.getInt(4);
        if (hdrLen < 24 || hdrLen > data.length) throw new BtfFormatException("bad .BTF.ext hdr_len " + hdrLen);
        List<FuncInfo> fis = new ArrayList<>();
        List<LineInfo> lis = new ArrayList<>();
        List<CoreRelo> crs = new ArrayList<>();
        subsection(b, hdrLen, b.getInt(8), b.getInt(12), BtfExtBuilder.FUNC_INFO_SIZE, "func_info", btf,
                (sec, p) -> fis.add(new FuncInfo(sec, b.getInt(p), b.getInt(p + 4))));
        subsection(b, hdrLen, b.getInt(16), b.getInt(20), BtfExtBuilder.LINE_INFO_SIZE, "line_info", btf, (sec, p) -> {
            int lineCol = b.getInt(p + 12);
            lis.add(new LineInfo(sec, b.getInt(p), btf.string(b.getInt(p + 4)), btf.string(b.getInt(p + 8)), lineCol >>> 10, lineCol & 0x3ff));
        });
        if (hdrLen >= 32) {
            subsection(b, hdrLen, b.getInt(24), b.getInt(28), BtfExtBuilder.CORE_RELO_SIZE, "core_relo", btf,
                    (sec, p) -> crs.add(new CoreRelo(sec, b.getInt(p), b.getInt(p + 4), btf.string(b.getInt(p + 8)), CoreReloKind.ofValue(b.getInt(p + 12)))));
        }
        return new BtfExt(fis, lis, crs);
    }

    private interface RecordReader {
        void read(String section, int pos);
    }

    private static void subsection(ByteBuffer b, int hdrLen, int off, int len, int minRecSize, String what, Btf btf, RecordReader reader) {
        if (len == 0) return;
        long start = (long) hdrLen + off, end = start + len;
        if (off < 0 || len < 4 || (off & 3) != 0 || end > b.capacity())
            throw new BtfFormatException(what + " (off " + off + ", len " + len + ") does not fit the .BTF.ext section");
        int p = (int) start;
        int recSize = b.getInt(p);
        if (recSize < minRecSize || (recSize & 3) != 0) throw new BtfFormatException(what + " record size " + recSize);
        p += 4;
        if (p == end) throw new BtfFormatException(what + " has a record size but no records");
        while (p < end) {
            if (p + 8 > end) throw new BtfFormatException(what + " section header runs past its subsection");
            String section = btf.string(b.getInt(p));
            int n = b.getInt(p + 4);
            p += 8;
            if (n <= 0 || p + (long) n * recSize > end) throw new BtfFormatException(what + " for '" + section + "' claims " + n + " records");
            for (int i = 0; i < n; i++, p += recSize) reader.read(section, p);
        }
    }
}
