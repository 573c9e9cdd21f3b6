// Ethernet + IPv4 header parsing with struct overlays and bounds checks against data_end.
#include <linux/if_ether.h>
#include <linux/ip.h>
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
    struct ethhdr *eth = data;
    if ((void *)(eth + 1) > end)
        return XDP_DROP;
    out(0, eth->h_proto);
    if (eth->h_proto != __builtin_bswap16(ETH_P_IP))
        return XDP_PASS;
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > end)
        return XDP_ABORTED;
    out(1, ip->protocol);
    out(2, ip->ihl * 4 + ip->version * 1000);
    out(3, __builtin_bswap32(ip->saddr) ^ ip->daddr);
    ip->ttl--;
    return ip->protocol == 6 ? XDP_TX : XDP_PASS;
}
