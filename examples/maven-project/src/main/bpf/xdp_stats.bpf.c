/* Counts frames by EtherType at XDP and lets them all pass. */
#include "packet_stats.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, STAT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} xdp_counts SEC(".maps");

SEC("xdp")
int xdp_stats(struct xdp_md *ctx)
{
	count(&xdp_counts, classify((void *)(long)ctx->data, (void *)(long)ctx->data_end));
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
