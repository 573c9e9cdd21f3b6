// A static function returning a struct or union takes, as a hidden first argument, the address of storage the
// caller provides (an "sret" pointer); `return e;` copies e there and the call's value is the caller's temporary.
struct small { int a, b; };
struct empty {};
struct big { long v[3]; };
union u { int i; char c; };
static struct small mk(int x) { struct small s = { x, x + 1 }; return s; }
// CHECK-LABEL: define static void @mk(ptr %agg.result, i32 %x)
// CHECK: memcpy %agg.result, %s, 8, align 4
// CHECK: ret void
static struct empty none(void) { struct empty e; return e; }
// CHECK-LABEL: define static void @none(ptr %agg.result)
// CHECK-NOT: memcpy
// CHECK: ret void
static struct big mkbig(long x) { struct big r = { { x, 2 * x, 3 * x } }; return r; }
// CHECK-LABEL: define static void @mkbig(ptr %agg.result, i64 %x)
// CHECK: memcpy %agg.result, %r, 24, align 8
static union u mku(int i) { union u r; r.i = i; return r; }
// CHECK-LABEL: define static void @mku(ptr %agg.result, i32 %i)
// CHECK: memcpy %agg.result, %r, 4, align 4
static struct small again(int x) { return mk(x + 1); }
// CHECK-LABEL: define static void @again(ptr %agg.result, i32 %x)
// CHECK: %[[T:[0-9]+]] = alloca 8, align 4
// CHECK: call void @mk(ptr %[[T]], i32 {{%[0-9]+}})
// CHECK: memcpy %agg.result, %[[T]], 8, align 4
long use(int x) {
    struct small s;
    struct empty e = none();
    s = mk(1);
    return s.a + mk(3).b + mkbig(x).v[2] + mku(x).c + again(x).a;
}
// CHECK-LABEL: define global i64 @use
// CHECK: call void @none(ptr %[[E:[0-9]+]])
// CHECK: call void @mk(ptr %[[A:[0-9]+]], i32 1)
// CHECK: memcpy %s, %[[A]], 8, align 4
// CHECK: call void @mk(ptr %[[B:[0-9]+]], i32 3)
// CHECK: ptradd %[[B]], 4
// CHECK: call void @mkbig(ptr %[[C:[0-9]+]], i64 {{%[0-9]+}})
// CHECK: ptradd %[[C]], 16
// CHECK: call void @mku(ptr {{%[0-9]+}}, i32 {{%[0-9]+}})
// CHECK: call void @again(ptr {{%[0-9]+}}, i32 {{%[0-9]+}})
