/* Shared by both programs: the per-protocol packet counters and the code that classifies a frame. */
#ifndef PACKET_STATS_H
#define PACKET_STATS_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

enum { STAT_IPV4, STAT_IPV6, STAT_ARP, STAT_OTHER, STAT_SHORT, STAT_MAX };

/* The slot a frame counts in, from its EtherType. */
static __always_inline __u32 classify(void *data, void *data_end)
{
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return STAT_SHORT;
	switch (bpf_ntohs(eth->h_proto)) {
	case ETH_P_IP: return STAT_IPV4;
	case ETH_P_IPV6: return STAT_IPV6;
	case ETH_P_ARP: return STAT_ARP;
	default: return STAT_OTHER;
	}
}

static __always_inline void count(void *map, __u32 slot)
{
	__u64 *n = bpf_map_lookup_elem(map, &slot);

	if (n)
		__sync_fetch_and_add(n, 1);
}

#endif
