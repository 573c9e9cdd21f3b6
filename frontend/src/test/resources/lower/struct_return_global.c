// A global function cannot return a struct: clang's BPF backend refuses aggregate returns it cannot inline, and
// the BTF prototype would not match the hidden-pointer convention.
struct small { int a, b; };
struct small mk(int x) { struct small s = { x, x }; return s; }
// expected-error: returning 'struct small' by value from a global function is not supported
