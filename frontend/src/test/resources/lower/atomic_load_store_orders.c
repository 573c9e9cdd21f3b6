// __atomic_load_n/__atomic_store_n at -mcpu=v3: relaxed is a plain access; seq_cst is refused with clang-22's error; acquire
// and release need v4's load_acquire/store_release (emitted at v4): refused with an error that says so.
long relaxed(long *p) {
    __atomic_store_n(p, 1, __ATOMIC_RELAXED);
    return __atomic_load_n(p, __ATOMIC_RELAXED);
}
// CHECK-LABEL: define global i64 @relaxed
// CHECK: store i64 1
// CHECK: load volatile i64
long sc(long *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
// expected-error: sequentially consistent (seq_cst) atomic load/store is not supported
void sc_store(long *p) { __atomic_store_n(p, 1, __ATOMIC_SEQ_CST); }
int acquire(int *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
// expected-error: '__atomic_load_n' with acquire order is an acquire load (load_acquire, which -mcpu=v4 has) and not available at -mcpu=v3
void release(int *p, int v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
// expected-error: '__atomic_store_n' with release order is a release store (store_release, which -mcpu=v4 has) and not available at -mcpu=v3
