// JBPFC-FLAGS: -DMANY_ARGS
// A call with 7 arguments (jbpfc, under MANY_ARGS) against the same function taking a struct (clang refuses
// more than 5 arguments): both must compute the same.
#include "common.h"
#ifdef MANY_ARGS
static __noinline __u64 f(__u64 a1,__u64 a2,__u64 a3,__u64 a4,__u64 a5,__u64 a6,__u64 a7) { return a1 * 1+a2 * 2+a3 * 3+a4 * 4+a5 * 5+a6 * 6+a7 * 7; }
static __noinline __u64 g(__u64 b1,__u64 b2,__u64 b3,__u64 b4,__u64 b5,__u64 b6,__u64 b7) { return f(b1,b2,b3,b4,b5,b6,b7) ^ b7; }
#define CALL_F f(p[13 + 1] ^ (__u64)U32(1) << 8,p[13 + 2] ^ (__u64)U32(2) << 8,p[13 + 3] ^ (__u64)U32(3) << 8,p[13 + 4] ^ (__u64)U32(4) << 8,p[13 + 5] ^ (__u64)U32(5) << 8,p[13 + 6] ^ (__u64)U32(6) << 8,p[13 + 7] ^ (__u64)U32(7) << 8)
#define CALL_G g(p[13 + 1] ^ (__u64)U32(1) << 8,p[13 + 2] ^ (__u64)U32(2) << 8,p[13 + 3] ^ (__u64)U32(3) << 8,p[13 + 4] ^ (__u64)U32(4) << 8,p[13 + 5] ^ (__u64)U32(5) << 8,p[13 + 6] ^ (__u64)U32(6) << 8,p[13 + 7] ^ (__u64)U32(7) << 8)
#else
struct args { __u64 a1; __u64 a2; __u64 a3; __u64 a4; __u64 a5; __u64 a6; __u64 a7; };
static __noinline __u64 f(const struct args *s) { return s->a1 * 1+s->a2 * 2+s->a3 * 3+s->a4 * 4+s->a5 * 5+s->a6 * 6+s->a7 * 7; }
static __noinline __u64 g(const struct args *s) { return f(s) ^ s->a7; }
#define CALL_F ({ struct args _s = { p[13 + 1] ^ (__u64)U32(1) << 8,p[13 + 2] ^ (__u64)U32(2) << 8,p[13 + 3] ^ (__u64)U32(3) << 8,p[13 + 4] ^ (__u64)U32(4) << 8,p[13 + 5] ^ (__u64)U32(5) << 8,p[13 + 6] ^ (__u64)U32(6) << 8,p[13 + 7] ^ (__u64)U32(7) << 8 }; f(&_s); })
#define CALL_G ({ struct args _s = { p[13 + 1] ^ (__u64)U32(1) << 8,p[13 + 2] ^ (__u64)U32(2) << 8,p[13 + 3] ^ (__u64)U32(3) << 8,p[13 + 4] ^ (__u64)U32(4) << 8,p[13 + 5] ^ (__u64)U32(5) << 8,p[13 + 6] ^ (__u64)U32(6) << 8,p[13 + 7] ^ (__u64)U32(7) << 8 }; g(&_s); })
#endif
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 r = CALL_F, s = CALL_G;
    out(0, r);
    out(1, s);
    return r & 3;
}
