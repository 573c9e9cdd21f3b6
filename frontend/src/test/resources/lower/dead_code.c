// Code after return/break is dropped (the kernel rejects unreachable instructions); falling off the end of a
// non-void function returns 0.
int d(int x) {
    while (1) {
        if (x) break;
        return 1;
        x++;
    }
    if (x > 3) return 2; else return 3;
    x = 7;
}
int noret(int x) { if (x) return 1; }
// CHECK-LABEL: define global i32 @d
// CHECK-NOT: store i32 7
// CHECK-NOT: dead
// CHECK-LABEL: define global i32 @noret
// CHECK: ret i32 0
