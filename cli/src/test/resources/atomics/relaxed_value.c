// A relaxed read-modify-write whose value is used: jbpfc emits the fetch form and returns the old value.
// clang-22 -O2 -mcpu=v3 emits "r0 = r2; lock *(u64 *)(r1 + 0) += r0" and so returns the operand, not the old
// value; AtomicsVsClangTest checks jbpfc's form here and runs both in the kernel.
long fetch_add_relaxed(long *p, long v) { return __atomic_fetch_add(p, v, __ATOMIC_RELAXED); }
int fetch_xor_relaxed32(int *p, int v) { return __atomic_fetch_xor(p, v, __ATOMIC_RELAXED); }
long add_fetch_relaxed(long *p, long v) { return __atomic_add_fetch(p, v, __ATOMIC_RELAXED); }
