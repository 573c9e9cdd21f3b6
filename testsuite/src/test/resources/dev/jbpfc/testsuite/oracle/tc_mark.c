// A tc program that reads and writes its struct __sk_buff context: the oracle tests pass mark in ctx_in and read
// priority back from ctx_out.
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

SEC("tc")
int tc_mark(struct __sk_buff *skb)
{
	skb->priority = skb->mark * 2;
	return skb->mark == 7 ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
