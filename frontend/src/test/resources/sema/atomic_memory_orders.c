// Memory orders an __atomic builtin does not take are warned about as clang-22 warns (-Watomic-memory-ordering);
// every order clang accepts is accepted silently.
long p, e;
void orders(int o) {
  __atomic_fetch_add(&p, 1, __ATOMIC_RELAXED);
  __atomic_add_fetch(&p, 1, __ATOMIC_CONSUME);
  __atomic_fetch_sub(&p, 1, __ATOMIC_ACQUIRE);
  __atomic_sub_fetch(&p, 1, __ATOMIC_RELEASE);
  __atomic_fetch_and(&p, 1, __ATOMIC_ACQ_REL);
  __atomic_and_fetch(&p, 1, __ATOMIC_SEQ_CST);
  __atomic_fetch_or(&p, 1, o);
  __atomic_exchange_n(&p, 1, __ATOMIC_ACQ_REL);
  __atomic_compare_exchange_n(&p, &e, 2, 0, __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE);
  __atomic_load_n(&p, __ATOMIC_CONSUME);
  __atomic_store_n(&p, 1, __ATOMIC_RELEASE);
  __atomic_xor_fetch(&p, 1, 7);              // expected-warning {{memory order argument to atomic operation is invalid}}
  __atomic_load_n(&p, 3);                    // expected-warning {{memory order argument to atomic operation is invalid}}
  __atomic_load_n(&p, 4);                    // expected-warning {{memory order argument to atomic operation is invalid}}
  __atomic_store_n(&p, 1, 2);                // expected-warning {{memory order argument to atomic operation is invalid}}
  __atomic_store_n(&p, 1, 1);                // expected-warning {{memory order argument to atomic operation is invalid}}
  __atomic_store_n(&p, 1, 4);                // expected-warning {{memory order argument to atomic operation is invalid}}
  __atomic_compare_exchange_n(&p, &e, 2, 0, 5, 3); // expected-warning {{failure memory order argument to atomic operation is invalid}}
}
