// Socket filter: keeps only the first 64 bytes of IPv4 packets and drops everything else.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>

SEC("socket")
int keep_ipv4_headers(struct __sk_buff *skb)
{
    if (skb->protocol != __builtin_bswap16(ETH_P_IP))
        return 0;
    return skb->len < 64 ? skb->len : 64;
}

char LICENSE[] SEC("license") = "GPL";
