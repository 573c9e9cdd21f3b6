// libbpf's BPF_PROG passes u64 context slots to pointer parameters under an ignored -Wint-conversion.
struct sock;
#define CALL_IGNORING(f, v) ({                                   \
    _Pragma("GCC diagnostic push")                               \
    _Pragma("GCC diagnostic ignored \"-Wint-conversion\"")       \
    f(v);                                                        \
    _Pragma("GCC diagnostic pop")                                \
  })
static int take(struct sock *sk) { return sk != 0; }
int prog(unsigned long long *ctx) {
  int r = CALL_IGNORING(take, ctx[0]);
  return r + take(ctx[1]); // expected-error {{incompatible integer to pointer conversion passing 'unsigned long long' to parameter of type 'struct sock *'}}
}
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wint-conversion"
int quiet(unsigned long long v) { return take(v); }
#pragma GCC diagnostic pop
int loud(unsigned long long v) { return take(v); } // expected-error {{incompatible integer to pointer conversion}}
