// int loop counters indexing an array: jbpfc proves such a counter non-negative (it starts at or above 0 and steps
// up only under a bound test) and zero-extends it where it sign-extended it at every use. The frame decides the
// trip counts (a data-dependent `break`, a step of 3 from a data-dependent start: with `i < 32` there clang-22's
// object fails the verifier), and one counter starts at a signed byte of the frame, so it may be negative and must
// stay sign-extended.
#include "common.h"

SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 64);
    __u64 t[32];
    int n = p[14] & 31;
    for (int i = 0; i < 32; i++)
        t[i] = p[15 + i] * (__u64)(i + 1);
    __s64 s = 0;
    for (int i = 0; i < 32; i++) {
        if (i >= n)
            break;
        s += (__s64)t[i] * i;
        t[i] = s;
    }
    out(0, s);
    __u64 every3 = 0;
    for (int i = p[15] & 3; i < 30; i += 3)
        every3 = every3 * 31 + t[i];
    out(1, every3);
    __s64 signedsum = 0;
    int back = 0;
    for (int i = (signed char)p[16]; i < 8; i++) {
        signedsum += (__s64)i * 1000;
        back++;
    }
    out(2, signedsum);
    out(3, back);
    __u32 k = p[17] & 15;
    for (int i = 0; i < 16; i++)
        t[i + 16] ^= t[k] + i;
    out(4, t[16] + t[31]);
    return (s & 1) + (back & 2);
}
