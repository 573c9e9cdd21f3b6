package dev.jbpfc.frontend.sema;

/** The storage-class specifier written on a declaration (NONE when there was none). */
public enum StorageClass { NONE, EXTERN, STATIC, AUTO, REGISTER, TYPEDEF }
