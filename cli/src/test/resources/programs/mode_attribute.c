// __attribute__((mode(M))) on enums, typedefs and members: the layout (sizes, offsets), the signedness of the moded
// types and the BTF the kernel checks for the map value holding them (an ENUM of size 1 and an ENUM64 of size 8,
// both signed) must be clang-22's.
#include "common.h"
enum e_byte { EBYTE_1, EBYTE_2 } __attribute__((mode(byte)));
enum e_word { EWORD_1, EWORD_2 } __attribute__((mode(word)));
typedef unsigned int u8m __attribute__((mode(QI)));
typedef int s16m __attribute__((mode(HI)));
struct moded {
    char a;
    enum e_byte b;
    char c;
    enum e_word d;
    u8m e;
    s16m f;
    int g __attribute__((mode(QI)));
    int h : 5 __attribute__((mode(QI)));
};
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct moded);
} moded_values SEC(".maps");

SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    __u32 zero = 0;
    struct moded *m = bpf_map_lookup_elem(&moded_values, &zero);
    if (!m)
        return XDP_ABORTED;
    m->a = p[14];
    m->b = (enum e_byte)p[15];
    m->c = p[16];
    m->d = (enum e_word)p[17];
    m->e = p[18] + 250;
    m->f = (s16m)U16(19);
    m->g = p[21];
    m->h = p[22];
    out(0, sizeof(struct moded));
    out(1, __builtin_offsetof(struct moded, d));
    out(2, __builtin_offsetof(struct moded, f));
    out(3, (__u64)(long)m->b);
    out(4, (__u64)(long)m->d);
    out(5, (__u64)(long)m->e);
    out(6, (__u64)(long)m->f);
    out(7, (__u64)(long)m->g);
    out(8, (__u64)(long)m->h);
    out(9, sizeof(enum e_byte) * 100 + sizeof(enum e_word) * 10 + sizeof(u8m));
    return m->b < 0 ? XDP_DROP : XDP_PASS;
}
