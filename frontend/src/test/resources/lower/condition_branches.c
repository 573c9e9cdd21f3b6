// A condition built of &&, ?:, the comma operator and a statement expression (libbpf's bpf_for tests
// `({ int *t = next(); (t && (v = *t, v >= 0 && v < 8)) ? (i = v, 1) : 0; })`) is lowered as branches: each test
// jumps to the next one, to the loop body or to the exit; no 0/1 value, phi or compare of it is built.
int *next(void);
int f(void) {
    int i = 0, v, s = 0;
    while (({ int *t = next(); (t && (v = *t, v >= 0 && v < 8)) ? (i = v, 1) : 0; }))
        s += i;
    if (!(s > 3 && i < 2))
        s = 0;
    return s;
}
// CHECK-LABEL: define global i32 @f
// CHECK: while.cond:
// CHECK: %[[T:[0-9]+]] = cmp ne ptr {{.*}}, null
// CHECK-NEXT: condbr i1 %[[T]], land.rhs, cond.false
// CHECK: land.rhs:
// CHECK: cmp sge i32 {{.*}}, 0
// CHECK-NEXT: condbr i1 {{.*}}, land.rhs.1, cond.false
// CHECK: land.rhs.1:
// CHECK: cmp slt i32 {{.*}}, 8
// CHECK-NEXT: condbr i1 {{.*}}, cond.true, cond.false
// CHECK: cond.true:
// CHECK: store i32 {{.*}}, %i, align 4
// CHECK-NEXT: br while.body
// CHECK: cond.false:
// CHECK-NEXT: br while.end
// CHECK-NOT: phi
// CHECK: while.end:
// CHECK: cmp sgt i32 {{.*}}, 3
// CHECK-NEXT: condbr i1 {{.*}}, land.rhs.2, if.then
// CHECK: land.rhs.2:
// CHECK: cmp slt i32 {{.*}}, 2
// CHECK-NEXT: condbr i1 {{.*}}, if.end, if.then
