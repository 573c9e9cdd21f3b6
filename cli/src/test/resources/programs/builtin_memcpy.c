// __builtin_memcpy of constant sizes between packet, stack and struct.
#include "common.h"
struct hdr { __u8 dst[6], src[6]; __u16 type; };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct hdr h;
    __builtin_memcpy(&h, p, sizeof(h));
    __u8 tmp[6];
    __builtin_memcpy(tmp, h.dst, 6);
    __builtin_memcpy(h.dst, h.src, 6);
    __builtin_memcpy(h.src, tmp, 6);
    __builtin_memcpy(p, &h, sizeof(h));
    __u64 q = 0;
    __builtin_memcpy(&q, p + 20, 7);
    out(0, q);
    __u32 w[4];
    __builtin_memcpy(w, p + 14, 16);
    out(1, w[0] ^ w[3]);
    return h.type & 3;
}
