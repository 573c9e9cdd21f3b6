// unsigned __int128 in operands that are never evaluated, as libbpf's bpf_tracing.h macros write them for every
// argument type: sizeof, typeof, and the branch of __builtin_choose_expr not taken (a 16-byte union read) lower
// to nothing; only the taken branch is code.
typedef __int128 unsigned u128;
unsigned long f(unsigned long *ctx) {
    typeof(u128) *p = 0;
    unsigned long x = __builtin_choose_expr(sizeof(long) == 16,
        ({ union { unsigned long z[2]; u128 v; } t = {.z = {ctx[0], ctx[1]}}; t.v; }), ctx[2]);
    return x + sizeof(u128) + (p == 0);
}
// CHECK-LABEL: define global i64 @f
// CHECK-NOT: alloca 16
// CHECK: ptradd {{%[0-9a-z.]+}}, 16
// CHECK: add i64 {{%[0-9]+}}, 16
