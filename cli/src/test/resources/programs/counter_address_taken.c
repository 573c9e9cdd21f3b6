// A loop counter whose address is taken afterwards (perf's func_latency.bpf.c: the histogram bucket is counted up
// in a loop, then used as a map key): the counter stays in a 4-byte stack slot, which the verifier must see as
// the value stored there on every iteration or the loop never converges.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 delta = U32(14) & 0xfffff;
    __u64 base = p[20] & 1 ? 1 : 1000;
    __u32 key;
    for (key = 0; key < 14; key++) {
        if (delta < (base << key))
            break;
    }
    __u64 *slot = bpf_map_lookup_elem(&results, &key);
    if (!slot)
        return XDP_PASS;
    *slot += 1;
    return key & 3;
}
