/* Counts frames by EtherType at tc ingress and drops ARP, to show a verdict. */
#include "packet_stats.h"

#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, STAT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} tc_counts SEC(".maps");

SEC("tc")
int tc_stats(struct __sk_buff *skb)
{
	__u32 slot = classify((void *)(long)skb->data, (void *)(long)skb->data_end);

	count(&tc_counts, slot);
	return slot == STAT_ARP ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
