// The size of an inline-expanded mem* builtin may be any integer constant expression, not just a literal or a
// lone sizeof (bpf_flow.c: 2*sizeof(ip6h->saddr); the *_unix_prog.c files: sizeof("literal") - 1).
struct in6 { unsigned int a[4]; };
struct hdr { struct in6 saddr, daddr; };
int f(struct hdr *h, char *out) {
    __builtin_memcpy(out, &h->saddr, 2 * sizeof(h->saddr));
    __builtin_memmove(out + 40, out, 6 * 2);
    return __builtin_memcmp(out, "\0abc", sizeof("\0abc") - 1);
}
// CHECK-LABEL: define global i32 @f
// CHECK: memcpy {{%[0-9]+}}, {{%[0-9]+}}, 32, align 1
// CHECK: memcpy {{%[0-9]+}}, {{%[0-9]+}}, 12, align 1
// CHECK: load i8
// CHECK: ret i32

// The same through string.h's declarations, which lowering treats as the builtins.
void *memcpy(void *d, const void *s, unsigned long n);
int memcmp(const void *a, const void *b, unsigned long n);
int g(struct hdr *h, char *out) {
    memcpy(out, &h->daddr, 3 * sizeof(h->daddr.a[0]));
    return memcmp(out, "xy", sizeof("xy") - 1);
}
// CHECK-LABEL: define global i32 @g
// CHECK: memcpy {{%[0-9]+}}, {{%[0-9]+}}, 12, align 1
// CHECK: load i8
// CHECK: ret i32
