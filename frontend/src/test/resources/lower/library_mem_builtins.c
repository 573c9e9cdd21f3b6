// memcmp, memcpy and memset declared as string.h does (no definition) are library builtins, as in clang-22: a
// constant size expands in place (BPF has no libc; an extern call left libbpf looking for memcmp's BTF).
typedef unsigned long size_t;
extern int memcmp(const void *a, const void *b, size_t n);
extern void *memcpy(void *d, const void *s, size_t n);
extern void *memset(void *d, int c, size_t n);
int m(char *p, char *q) {
    char tmp[8];
    memset(tmp, 0, 8);
    memcpy(tmp, p, 6);
    return memcmp(tmp, q, 2);
}
// CHECK-LABEL: define global i32 @m
// CHECK: memset %tmp, 0, 8
// CHECK: memcpy %tmp, {{%[0-9]+}}, 6
// CHECK: load i8
// CHECK: sub i32
// CHECK: select
// CHECK-NOT: call
// CHECK: ret i32
