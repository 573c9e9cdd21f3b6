// A volatile counter kept in memory and counted up in an open-coded iterator loop (verifier_bits_iter.c
// max_words): the verifier must not know its value there, or every trip's state differs from the last (a compare
// on the count makes it precise) and the loop never converges; jbpfc's object hit the 1M-instruction limit when
// the counter sat at the start of an 8-byte stack slot, where the verifier tracks a narrow store's value (clang-22
// puts it at r10 - 4 here; it too fails when another local pushes nr to r10 - 8, so nothing else is on the stack).
#include "common.h"

struct bpf_iter_num { __u64 __opaque[1]; } __attribute__((aligned(8)));
extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;

SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 16);
    volatile int nr = 0;
    struct bpf_iter_num it;
    int *v;

    bpf_iter_num_new(&it, p[14] & 7, 1000);
    while ((v = bpf_iter_num_next(&it))) {
        if (nr == 0 && *v != 0)
            break;
        if (nr == 2 && *v != 9)
            break;
        nr++;
    }
    bpf_iter_num_destroy(&it);
    return nr & 3;
}
