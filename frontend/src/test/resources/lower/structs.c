// Member access at constant offsets, struct assignment and by-value copies with memcpy, designated initializers.
struct inner { int a; long b; };
struct outer { char c; struct inner in; int arr[2]; };
long s(struct outer *o, struct inner *src) {
    struct inner tmp = *src;
    o->in = tmp;
    struct outer x = { .arr = { [1] = 5 }, .c = 'z' };
    return o->in.b + x.arr[1] + o->arr[1] + x.c;
}
// CHECK-LABEL: define global i64 @s
// CHECK: memcpy %tmp, {{%[0-9]+}}, 16, align 8
// CHECK: ptradd {{%[0-9]+}}, 8
// CHECK: memcpy {{%[0-9]+}}, %tmp, 16, align 8
// CHECK: memset %x, 0, 32, align 8
// CHECK: store i32 5
// CHECK: store i8 122, %x, align 1
// CHECK: load i64
// CHECK: ptradd %x, 24
