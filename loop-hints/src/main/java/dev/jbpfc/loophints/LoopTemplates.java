package dev.jbpfc.loophints;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one registry of templates, by the name hints use. Adding a template is adding one line here. */
public final class LoopTemplates {
    private static final Map<String, LoopTemplate> BY_NAME = new LinkedHashMap<>();

    static {
        register(new CountedUp());
        register(new CountedDown());
    }

    private LoopTemplates() {}

    private static void register(LoopTemplate t) {
        if (BY_NAME.put(t.name(), t) != null) throw new IllegalStateException("template " + t.name() + " registered twice");
    }

    /** The template of that name, or null. */
    public static LoopTemplate get(String name) { return BY_NAME.get(name); }

    /** Every template, by name, in registration order. */
    public static Map<String, LoopTemplate> all() { return Collections.unmodifiableMap(BY_NAME); }
}
