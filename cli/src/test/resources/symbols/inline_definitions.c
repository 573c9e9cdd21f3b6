// Inline definitions (FunctionSymbolsVsClangTest compares the function symbols and BTF FUNCs with clang-22's at
// -O0 and -O2): glibc's __extern_inline (`extern inline __attribute__((gnu_inline))`, e.g. __cmsg_nxthdr of
// <sys/socket.h>) and C99 `inline` are bodies for inlining only: no symbol, no BTF FUNC; a call left (-O0, or
// noinline) goes to the undefined external name. `extern inline` in C99 and GNU `inline` alone are real
// definitions.
extern inline __attribute__((gnu_inline)) int gnu_extern_inline(int x) { return x * 2; }
extern __inline __attribute__((__gnu_inline__)) int never_called(int x) { return x * 3; }
extern inline __attribute__((gnu_inline, noinline)) int not_inlined(int x) { return x * 17; }
extern inline __attribute__((gnu_inline, always_inline)) int always(int x) { return x * 19; }
inline int c99_inline(int x) { return x * 5; }
extern inline int c99_extern_inline(int x) { return x * 7; }
__attribute__((gnu_inline)) inline int gnu_inline_without_extern(int x) { return x * 11; }
int declared_first(int x);
inline int declared_first(int x) { return x * 13; }
static inline __attribute__((gnu_inline)) int static_gnu_inline(int x) { return x * 23; }
int caller(int a) {
    return gnu_extern_inline(a) + not_inlined(a) + always(a) + c99_inline(a) + c99_extern_inline(a)
        + gnu_inline_without_extern(a) + declared_first(a) + static_gnu_inline(a);
}
// Static functions only an inline definition calls are not emitted either.
static int helper(int x) { return x + 1; }
static __attribute__((noinline)) int noinline_helper(int x) { return x + 2; }
extern inline __attribute__((gnu_inline, noinline)) int calls_statics(int x) { return helper(x) * noinline_helper(x); }
int second_caller(int a) { return calls_statics(a); }
