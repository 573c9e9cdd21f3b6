// #pragma lines and _Pragma operators become PRAGMA tokens (text: the pragma's tokens, one space where the
// source had white space); once, push_macro/pop_macro and GCC system_header act and vanish.
#pragma   clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
#pragma unroll
#define LOOP _Pragma("clang loop unroll(full)") for
#define DIAG(x) _Pragma(#x)
a LOOP b DIAG(GCC diagnostic ignored "-Wunused") c
#define N 4
#pragma push_macro("N")
#undef N
N
#pragma pop_macro("N")
N
// EXPECT: #pragma(clang attribute push (__attribute__((preserve_access_index)), apply_to = record))
// EXPECT: #pragma(unroll) a #pragma(clang loop unroll(full)) for b
// EXPECT: #pragma(GCC diagnostic ignored "-Wunused") c N 4
