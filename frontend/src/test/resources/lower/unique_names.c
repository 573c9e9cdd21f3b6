// Colliding names of static locals and string literals take their suffix from one counter for the whole file, in
// the order they are met, as clang-22 names them (its IR: @a.fmt, @.str, @a.fmt.1, @b.fmt, @.str.2, @b.fmt.3,
// @b.fmt.4): a second function's second bpf_printk format is b.fmt.3, a symbol and a BTF VAR of .rodata.
static long (*trace)(const char *fmt, unsigned int size, ...) = (void *)6;
#define PRINT(s, v) ({ static const char fmt[] = s; trace(fmt, sizeof(fmt), v); })
char buf[16];
int a(void *ctx) {
    PRINT("a1 %d", 1);
    __builtin_memcpy(buf, "xyzxyzxyz", 9);
    PRINT("a2 %d", 2);
    return 0;
}
int b(void *ctx) {
    PRINT("b1 %d", 1);
    __builtin_memcpy(buf, "qqqqqqqqqqqqq", 13);
    PRINT("b2 %d", 2);
    PRINT("b3 %d", 3);
    return 0;
}
// CHECK: global static @a.fmt size 6
// CHECK: global static @a.fmt.1 size 6
// CHECK: global static @b.fmt size 6
// CHECK: global static @b.fmt.3 size 6
// CHECK: global static @b.fmt.4 size 6
// CHECK: global static @.str size 10
// CHECK: global static @.str.2 size 14
