// BPF has no indirect calls.
int call(int (*fp)(int)) { return fp(1); }
// expected-error: indirect calls are not supported by BPF
