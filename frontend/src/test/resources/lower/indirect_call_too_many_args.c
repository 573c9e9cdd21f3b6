// An indirect call passes at most five arguments (in r1..r5), as clang-22 says for BPF.
int call(int (*fp)(int, int, int, int, int, int)) { return fp(1, 2, 3, 4, 5, 6); }
// expected-error: too many arguments
