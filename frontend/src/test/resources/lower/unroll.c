// #pragma unroll puts !unroll on the loop's back edge; #pragma nounroll puts !nounroll.
int u(int *a) {
    int s = 0;
#pragma unroll
    for (int i = 0; i < 4; i++) s += a[i];
#pragma nounroll
    for (int j = 0; j < 3; j++) s ^= j;
#pragma clang loop unroll_count(2)
    while (s > 100) s -= 3;
    return s;
}
// CHECK-LABEL: define global i32 @u
// CHECK: br for.cond !unroll
// CHECK: br {{for.cond[.0-9]+}} !nounroll
// CHECK: br {{while.cond[.0-9]*}} !unroll 2
// OPT-LABEL: define global i32 @u
// OPT: !unroll
