// __sync_fetch_and_add on array map values, result used and unused.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 k = p[14] & 7, k2 = 8 + (p[15] & 7);
    __u64 *v = bpf_map_lookup_elem(&results, &k);
    if (!v)
        return 0;
    __sync_fetch_and_add(v, p[16]);
    __u64 old = __sync_fetch_and_add(v, 1000);
    __u64 *w = bpf_map_lookup_elem(&results, &k2);
    if (w) {
        __sync_fetch_and_add(w, old + 1);
        __sync_fetch_and_add((__u32 *)w, 3);
    }
    return old & 3;
}
