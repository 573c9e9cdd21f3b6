// if/while/do/for, break/continue, goto and labels; && and || branch and join in i32 phis.
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
// CHECK: land.end:
// CHECK-NEXT: phi i32 [0, {{.*}}], [{{.*}}, land.rhs]
// CHECK: br for.cond
// CHECK: while.cond:
// CHECK: do.body:
// CHECK: lor.end:
// CHECK: br label.out
// CHECK: label.out:
// OPT-LABEL: define global i32 @g
// OPT-NOT: alloca
