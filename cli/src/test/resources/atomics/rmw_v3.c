// Every __atomic_* read-modify-write builtin and __sync_* beside them, in every order clang-22 accepts, value used
// and unused, 32 and 64 bit: AtomicsVsClangTest compiles it with jbpfc and clang-22 at -O2 -mcpu=v3 and each
// function's atomic instructions must be the same (the registers aside). Not here: a relaxed operation whose
// value is used, where clang-22 emits the plain lock form and returns the operand (see relaxed_value.c).
#define ORDERS(op) \
long op##_sc(long *p, long v) { return __atomic_##op(p, v, __ATOMIC_SEQ_CST); } \
int op##_acqrel32(int *p, int v) { return __atomic_##op(p, v, __ATOMIC_ACQ_REL); } \
long op##_acq(long *p, long v) { return __atomic_##op(p, v, __ATOMIC_ACQUIRE); } \
int op##_cons32(int *p, int v) { return __atomic_##op(p, v, __ATOMIC_CONSUME); } \
long op##_rel(long *p, long v) { return __atomic_##op(p, v, __ATOMIC_RELEASE); } \
void op##_sc_unused(long *p, long v) { __atomic_##op(p, v, __ATOMIC_SEQ_CST); } \
void op##_rel_unused32(int *p, int v) { __atomic_##op(p, v, __ATOMIC_RELEASE); } \
void op##_acq_unused(long *p, long v) { __atomic_##op(p, v, __ATOMIC_ACQUIRE); } \
void op##_relaxed_unused(long *p, long v) { __atomic_##op(p, v, __ATOMIC_RELAXED); } \
void op##_relaxed_unused32(int *p, int v) { __atomic_##op(p, v, __ATOMIC_RELAXED); }
ORDERS(fetch_add) ORDERS(add_fetch) ORDERS(fetch_sub) ORDERS(sub_fetch) ORDERS(fetch_and) ORDERS(and_fetch)
ORDERS(fetch_or) ORDERS(or_fetch) ORDERS(fetch_xor) ORDERS(xor_fetch)
long sync_add(long *p, long v) { return __sync_fetch_and_add(p, v); }
void sync_add_unused(long *p, long v) { __sync_fetch_and_add(p, v); }
void sync_or_unused32(int *p, int v) { __sync_fetch_and_or(p, v); }
long xchg_sc(long *p, long v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
int xchg_acq32(int *p, int v) { return __atomic_exchange_n(p, v, __ATOMIC_ACQUIRE); }
long xchg_relaxed(long *p, long v) { return __atomic_exchange_n(p, v, __ATOMIC_RELAXED); }
void xchg_relaxed_unused(long *p, long v) { __atomic_exchange_n(p, v, __ATOMIC_RELAXED); }
int cas_sc(long *p, long e, long d) { return __atomic_compare_exchange_n(p, &e, d, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
int cas_weak_relaxed(long *p, long *e, long d) { return __atomic_compare_exchange_n(p, e, d, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED); }
int cas_acqrel32(int *p, int *e, int d) { return __atomic_compare_exchange_n(p, e, d, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE); }
int cas_rel32(int *p, int *e, int d) { return __atomic_compare_exchange_n(p, e, d, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED); }
