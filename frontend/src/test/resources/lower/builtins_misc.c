// bswap as shifts and ors, __builtin_expect is its value, __builtin_constant_p is 1 when constant, a question
// to the optimiser (answered after inlining) for an expression that only reads variables, 0 in a constant
// expression.
unsigned b(unsigned x, long y) {
    unsigned short s = __builtin_bswap16((unsigned short) x);
    unsigned v = __builtin_bswap32(x);
    if (__builtin_expect(y > 5, 0)) v += 1;
    return s + v + __builtin_constant_p(x) + __builtin_constant_p(4) * 10;
}
// CHECK-LABEL: define global i32 @b
// CHECK: lshr i32 {{%[0-9]+}}, 8
// CHECK: shl i32 {{%[0-9]+}}, 24
// CHECK: or i32
// CHECK: cmp sgt i64
// CHECK: call i32 @__jbpfc_is_constant(i64
// CHECK: mul i32 1, 10
int arr[__builtin_constant_p(sizeof(int)) + 1];
int ice(int x) { switch (x) { case __builtin_constant_p(x) + 3: return 1; } return 0; }
// CHECK-LABEL: define global i32 @ice
// CHECK-NOT: __jbpfc_is_constant
// CHECK: 3
// __builtin_strcmp of two literals folds (bpf_experimental.h compares stringized operators).
int so(void) { return __builtin_strcmp("==", "==") == 0 && __builtin_strcmp("&", "!=") != 0; }
// CHECK-LABEL: define global i32 @so
// CHECK: cmp eq i32 0, 0
// CHECK: cmp ne i32 1, 0
