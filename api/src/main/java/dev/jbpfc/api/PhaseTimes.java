package dev.jbpfc.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the compiling thread per compiler phase, in nanoseconds, in the order the phases ran
 * ({@code -ftime-report}'s figures; a name that starts with a space is a part of the phase before it), and the notes
 * on what a session's compilation took over from the previous one. Empty unless
 * {@link CompileOptions.Builder#collectTimings} was set.
 */
public final class PhaseTimes {
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void add(String phase, long nanos) { phases.merge(phase, nanos, Long::sum); }

    void note(String text) { notes.add(text); }

    public Map<String, Long> phases() { return Collections.unmodifiableMap(phases); }

    public List<String> notes() { return Collections.unmodifiableList(notes); }
}
