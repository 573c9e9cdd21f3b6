// Names of static locals that collide (BtfDumpVsClangTest compares bpftool's dump, VAR names included, with
// clang-22's): bpf_printk declares `static const char ____fmt[]` at each use, and clang makes a colliding name
// unique with one counter for the whole file: a.fmt, a.fmt.1, then b.fmt, b.fmt.2, b.fmt.3 (not b.fmt.1).
// String literals (.str, .str.N) advance the same counter: frontend lower/unique_names.c.
static long (*trace)(const char *fmt, unsigned int size, ...) = (void *)6;
#define PRINT(s, v) ({ static const char fmt[] = s; trace(fmt, sizeof(fmt), v); })
int a(void *ctx) {
    PRINT("a1 %d", 1);
    PRINT("a2 %d", 2);
    return 0;
}
int b(void *ctx) {
    PRINT("b1 %d", 1);
    PRINT("b2 %d", 2);
    PRINT("b3 %d", 3);
    return 0;
}
