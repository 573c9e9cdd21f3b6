// socket filter: bpf_skb_load_bytes into the stack, then a byte-wise computation on the result.
#include "common.h"
SEC("socket") int prog(struct __sk_buff *skb)
{
    unsigned char b[16];
    if (bpf_skb_load_bytes(skb, 0, b, sizeof(b)) < 0)
        return 0;
    __u32 s = 0;
    for (int i = 0; i < 16; i++)
        s += b[i] ^ i;
    out(0, s);
    out(1, skb->len);
    return s & 0x3f;
}
