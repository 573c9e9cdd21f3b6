// if/while/do/for, break/continue, goto and labels. && and || in an if's condition are branches straight to the
// arms; as a value, and in a do-while's condition (whose branch carries the loop's hint), they join in i32 phis.
int g(int n, int m) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        if (i == 3) continue;
        if (i > 10 && m) break;
        s += i;
    }
    while (s > 100) s -= 7;
    do { s++; } while (s < 5 || m == 2);
    if (s == 42) goto out;
    s = -s;
out:
    return s;
}
// CHECK-LABEL: define global i32 @g
// CHECK: for.cond:
// CHECK: condbr i1 {{.*}}, for.body, for.end
// CHECK: br for.inc
// CHECK: %[[GT:[0-9]+]] = cmp sgt i32 {{.*}}, 10
// CHECK-NEXT: condbr i1 %[[GT]], land.rhs, if.end.2
// CHECK: land.rhs:
// CHECK: condbr i1 {{.*}}, if.then.1, if.end.2
// CHECK-NOT: land.end:
// CHECK: br for.cond
// CHECK: while.cond:
// CHECK: do.body:
// CHECK: lor.end:
// CHECK: br label.out
// CHECK: label.out:
// OPT-LABEL: define global i32 @g
// OPT-NOT: alloca
