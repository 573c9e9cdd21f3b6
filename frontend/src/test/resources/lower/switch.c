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
// CHECK: switch i32 {{%[0-9]+}}, sw.default [1: sw.case, 2: [[C2:sw.case[.0-9]*]], 5: [[C57:sw.case[.0-9]*]], 6: {{sw.case[.0-9]*}}, 7: {{sw.case[.0-9]*}}]
// CHECK: sw.case:
// CHECK: store i32 10
// CHECK-NEXT: br [[C2]]
// CHECK: sw.end:
