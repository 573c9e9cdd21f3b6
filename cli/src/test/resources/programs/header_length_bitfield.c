// A 4-bit header length (an IPv4 ihl) tested, then used to skip the options in the packet, as test_cls_redirect.c's
// pkt_skip_ipv4_options does with `(ipv4->ihl - 5) * 4`. The kernel verifier bounds the offset only when it is
// computed from the very register the compare tested; lowering reads the bitfield afresh at each use, so jbpfc must
// merge those reads and their extractions into one value (redundant-loads, then cse). Before, jbpfc's object was
// refused: "R8 min value is negative, either use unsigned index or do a if (index >=0) check."
#include "common.h"

struct iph {
    unsigned char ihl : 4, version : 4;
    unsigned char tos;
};

SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 16);
    void *end = (void *)(long)ctx->data_end;
    struct iph *ip = (void *)(p + 14);
    out(0, ip->ihl);
    if (ip->ihl < 5)
        return 1;
    unsigned char *l4 = p + 14 + 20;
    if (ip->ihl > 5)
        l4 += (ip->ihl - 5) * 4;
    if ((void *)(l4 + 2) > end)
        return 2;
    out(1, l4 - p);
    out(2, l4[0] | l4[1] << 8);
    return 3;
}
