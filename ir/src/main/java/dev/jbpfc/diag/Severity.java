package dev.jbpfc.diag;

public enum Severity {
    NOTE("note"), REMARK("remark"), WARNING("warning"), ERROR("error"), FATAL("fatal error");

    public final String label;

    Severity(String label) { this.label = label; }
}
