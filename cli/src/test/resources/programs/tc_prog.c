// tc (sched_cls) program: reads skb fields and the packet, writes the mark and the packet.
#include <linux/pkt_cls.h>
#include "common.h"
SEC("tc") int prog(struct __sk_buff *skb)
{
    unsigned char *p = (void *)(long)skb->data;
    if ((void *)(p + 24) > (void *)(long)skb->data_end)
        return TC_ACT_OK;
    out(0, skb->len);
    out(1, skb->protocol);
    __u32 h = 0;
    for (int i = 0; i < 10; i++)
        h = h * 131 + p[14 + i];
    skb->mark = h;
    p[23] ^= 0xff;
    out(2, h);
    return (h & 1) ? TC_ACT_SHOT : TC_ACT_OK;
}
