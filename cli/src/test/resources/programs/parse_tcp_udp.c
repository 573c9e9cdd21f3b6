// L4 parsing behind a variable-length IPv4 header.
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    struct iphdr *ip = data + sizeof(*eth);
    if ((void *)(ip + 1) > end || eth->h_proto != __builtin_bswap16(ETH_P_IP))
        return XDP_PASS;
    unsigned hl = ip->ihl * 4;
    if (hl < sizeof(*ip))
        return XDP_DROP;
    void *l4 = (void *)ip + hl;
    if (ip->protocol == 6) {
        struct tcphdr *t = l4;
        if ((void *)(t + 1) > end)
            return XDP_DROP;
        out(0, __builtin_bswap16(t->dest));
        out(1, t->syn | t->ack << 1 | t->fin << 2 | t->doff << 4);
        return t->syn ? XDP_TX : XDP_PASS;
    }
    if (ip->protocol == 17) {
        struct udphdr *u = l4;
        if ((void *)(u + 1) > end)
            return XDP_DROP;
        out(2, __builtin_bswap16(u->source) + __builtin_bswap16(u->len));
        u->check = 0;
        return XDP_PASS;
    }
    return 4;
}
