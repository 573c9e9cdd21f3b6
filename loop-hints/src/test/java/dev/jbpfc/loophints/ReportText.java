package dev.jbpfc.loophints;

/** A {@link FunctionReport} as the checker's file tests read it: one line per loop, then the back edges. */
final class ReportText {
    private ReportText() {}

    static String format(FunctionReport r) {
        StringBuilder out = new StringBuilder();
        for (LoopVerdict v : r.loops()) {
            out.append("loop ").append(v.start()).append("..").append(v.end()).append(' ').append(v.template().isEmpty() ? "-" : v.template());
            if (v.accepted()) {
                out.append(": accepted bound=").append(Long.toUnsignedString(v.bound())).append(" examined=").append(v.examined())
                        .append(" worst=").append(v.worstCase());
            } else {
                out.append(": rejected");
                if (v.at() >= 0) out.append(" at ").append(v.at());
                out.append(" examined=").append(v.examined()).append(": ").append(v.reason());
            }
            out.append('\n');
        }
        out.append("unhinted back edges: ");
        if (r.unhintedBackEdges().isEmpty()) out.append("none");
        else for (int k = 0; k < r.unhintedBackEdges().size(); k++) out.append(k == 0 ? "" : " ").append(r.unhintedBackEdges().get(k));
        out.append('\n').append(r.proved() ? "proved" : "not proved").append('\n');
        return out.toString();
    }
}
