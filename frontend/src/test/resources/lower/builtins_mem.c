// __builtin_memcpy/memset with constant sizes become IR memcpy/memset; memcmp is expanded to byte compares.
struct pkt { unsigned char mac[6]; unsigned short proto; };
int m(struct pkt *p, struct pkt *q) {
    struct pkt tmp;
    __builtin_memset(&tmp, 0, sizeof(tmp));
    __builtin_memcpy(&tmp, p, 6);
    __builtin_memcpy(q, &tmp, sizeof(tmp));
    return __builtin_memcmp(p->mac, q->mac, 2);
}
// CHECK-LABEL: define global i32 @m
// CHECK: memset %tmp, 0, 8, align 2
// CHECK: memcpy %tmp, {{%[0-9]+}}, 6, align 2
// CHECK: memcpy {{%[0-9]+}}, %tmp, 8, align 2
// CHECK: load i8
// CHECK: sub i32
// CHECK: select
// CHECK: load i8
// CHECK: select
// CHECK: ret i32
