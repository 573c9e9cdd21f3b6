// A size that is no constant in C is a question to the optimiser (it may be one after inlining); when it is still
// unknown after the -O2 passes, the copy cannot be expanded into loads and stores: the error clang-22 gives too.
// PASSES: inline,sccp,constfold,is-constant,mem-size
void f(char *d, char *s, unsigned long n) { __builtin_memcpy(d, s, n); }
// CHECK: call void @__jbpfc_memcpy(
// expected-error: '__builtin_memcpy' with a non-constant size is not supported
