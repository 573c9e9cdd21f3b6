// __sync/__atomic builtins at -mcpu=v3: atomicrmw without fetch only for a relaxed operation whose value is unused
// (the __sync ones are seq_cst: fetch, as clang-22), cmpxchg, xchg.
long a(long *p, int *q) {
    __sync_fetch_and_add(p, 2);
    __sync_fetch_and_or(q, 4);
    __atomic_fetch_add(p, 6, __ATOMIC_RELAXED);
    __atomic_or_fetch(q, 8, __ATOMIC_RELAXED);
    __atomic_fetch_sub(p, 7, __ATOMIC_RELEASE);
    long old = __sync_fetch_and_xor(p, 1);
    long prev = __sync_val_compare_and_swap(p, old, 9);
    long x = __sync_lock_test_and_set(p, 3);
    int y = __atomic_fetch_and(q, 7, 5);
    long s = __sync_add_and_fetch(p, 5);
    return old + prev + x + y + s;
}
// CHECK-LABEL: define global i64 @a
// CHECK: atomicrmw fetch add i64 {{%[0-9]+}}, 2, align 8
// CHECK: atomicrmw fetch or i32 {{%[0-9]+}}, 4, align 4
// CHECK: atomicrmw add i64 {{%[0-9]+}}, 6, align 8
// CHECK: atomicrmw or i32 {{%[0-9]+}}, 8, align 4
// CHECK: atomicrmw fetch add i64 {{%[0-9]+}}, -7, align 8
// CHECK: atomicrmw fetch xor i64
// CHECK: cmpxchg i64
// CHECK: atomicrmw fetch xchg i64
// CHECK: atomicrmw fetch and i32
// CHECK: %[[OLD:[0-9]+]] = atomicrmw fetch add i64 {{%[0-9]+}}, 5
// CHECK-NEXT: add i64 %[[OLD]], 5
