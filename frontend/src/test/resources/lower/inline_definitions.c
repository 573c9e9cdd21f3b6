// Inline definitions are bodies for inlining only (clang-22 emits no symbol and no BTF FUNC for them): glibc's
// `extern inline __attribute__((gnu_inline))` (__extern_inline, e.g. __cmsg_nxthdr of <sys/socket.h>) and C99's
// `inline` without `extern` on every file-scope declaration. Lowered without the optimiser (as at -O0) their
// calls go to the external function of that name; the functions with an external definition stay.
extern inline __attribute__((gnu_inline)) int gnu_extern_inline(int x) { return x * 2; }
extern __inline __attribute__((__gnu_inline__)) int never_called(int x) { return x * 3; }
inline int c99_inline(int x) { return x * 5; }
extern inline int c99_extern_inline(int x) { return x * 7; }
__attribute__((gnu_inline)) inline int gnu_inline_without_extern(int x) { return x * 11; }
int declared_first(int x);
inline int declared_first(int x) { return x * 13; }
int caller(int a) {
    return gnu_extern_inline(a) + c99_inline(a) + c99_extern_inline(a) + gnu_inline_without_extern(a)
        + declared_first(a);
}
// CHECK-NOT: never_called
// CHECK: declare extern i32 @gnu_extern_inline(i32)
// CHECK: declare extern i32 @c99_inline(i32)
// CHECK-NOT: define global i32 @gnu_extern_inline
// CHECK-NOT: define global i32 @c99_inline
// CHECK: define global i32 @c99_extern_inline
// CHECK: define global i32 @gnu_inline_without_extern
// CHECK: define global i32 @declared_first
// CHECK: define global i32 @caller
// CHECK: call i32 @gnu_extern_inline
// CHECK: call i32 @c99_inline
// CHECK: call i32 @c99_extern_inline
