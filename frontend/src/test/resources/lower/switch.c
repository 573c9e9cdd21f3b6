// switch with fallthrough, default in the middle, GNU case ranges expanded, break out of the switch.
int sw(unsigned x) {
    int r = 0;
    switch (x) {
    case 1: r = 10;
    case 2: r += 1; break;
    default: r = -1; break;
    case 5 ... 7: r = 57; break;
    }
    return r;
}
// CHECK-LABEL: define global i32 @sw
// CHECK: switch i32 {{%[0-9]+}}, sw.default [1: sw.case, 2: sw.case.1, 5: sw.case.2, 6: sw.case.2, 7: sw.case.2]
// CHECK: sw.case:
// CHECK: store i32 10
// CHECK-NEXT: br sw.case.1
// CHECK: sw.end:
