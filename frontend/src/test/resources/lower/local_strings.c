// A char array initialized by a string: zeroed, then the literal's bytes copied from .rodata.str1.1
// (bpf_printk's `static const char fmt[]` becomes a .rodata global named function.fmt instead).
static long (*bpf_trace_printk)(const char *fmt, unsigned int fmt_size, ...) = (void *) 6;
int pr(int x) {
    char buf[8] = "ab";
    static const char fmt[] = "x=%d\n";
    bpf_trace_printk(fmt, sizeof(fmt), x);
    return buf[1];
}
// CHECK: global static @pr.fmt size 6 align 1 section ".rodata" btf {{[0-9]+}} data "x=%d\0A"
// CHECK: global static @.str size 8 align 1 section ".rodata.str1.1" data "ab\00\00\00\00\00\00"
// CHECK-LABEL: define global i32 @pr
// CHECK: memset %buf, 0, 8, align 1
// CHECK: %[[S:[0-9]+]] = addr @.str
// CHECK-NEXT: memcpy %buf, %[[S]], 8, align 1
// CHECK: addr @pr.fmt
// CHECK: callhelper i64 6(ptr {{%[0-9]+}}, i32 6, i32 {{%[0-9]+}})
