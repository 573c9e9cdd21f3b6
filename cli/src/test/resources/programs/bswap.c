// byte swaps of 16, 32 and 64 bits and bpf_endian.h conversions.
#include <bpf/bpf_endian.h>
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u16 a = U16(14);
    __u32 b = U32(16);
    __u64 c = U64(20);
    out(0, __builtin_bswap16(a));
    out(1, __builtin_bswap32(b));
    out(2, __builtin_bswap64(c));
    out(3, bpf_ntohs(a) + bpf_htonl(b));
    out(4, bpf_be64_to_cpu(c) ^ bpf_cpu_to_be64(0x0102030405060708ull));
    __u16 t = bpf_htons(0x0800);
    p[12] = t; p[13] = t >> 8;
    return __builtin_bswap16(a) & 3;
}
