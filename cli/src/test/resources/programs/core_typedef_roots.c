// CO-RE accesses through a typedef of an anonymous struct (vmlinux.h has many: siphash_key_t, atomic_t): the
// relocation must name the typedef, as clang-22's does, since libbpf looks the kernel's candidates up by the
// relocated type's name and refuses a nameless one ("target candidate search failed for [N] struct"; regression
// from test_tcp_custom_syncookie.c's siphash). The local layouts below differ from the kernel's, so each result is
// the kernel's offset, patched by libbpf: key[1] is at byte 8 in the kernel's siphash_key_t (16 here), counter at
// byte 0 of its atomic_t (12 here).
#include "common.h"
#include <bpf/bpf_core_read.h>

typedef struct { __u64 pad; __u64 key[2]; } __attribute__((preserve_access_index)) siphash_key_t___local;
typedef struct { __u32 pad[3]; int counter; } __attribute__((preserve_access_index)) atomic_t___local;

static __u64 words[4] = { 11, 22, 33, 44 };

static __attribute__((noinline)) __u64 second_key(const siphash_key_t___local *key)
{
    return key->key[1];
}

SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 4);
    const volatile siphash_key_t___local *k = (void *)words;
    atomic_t___local *a = (void *)&words[p[0] & 1];
    out(0, __builtin_preserve_field_info(k->key[1], BPF_FIELD_BYTE_OFFSET));
    out(1, __builtin_preserve_field_info(a->counter, BPF_FIELD_BYTE_OFFSET));
    out(2, second_key((void *)words));
    out(3, k->key[0] + a->counter);
    out(4, bpf_core_field_exists(a->counter) | bpf_core_type_size(siphash_key_t___local) << 1);
    return XDP_PASS;
}
