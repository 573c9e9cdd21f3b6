// clang-22 defines __BPF_FEATURE_ADDR_SPACE_CAST from -mcpu=v1 on: the compiler inserts addr_space_cast on arena
// accesses and conversions, so arena headers make __arena address_space(1). jbpfc does the same.
// FLAGS: --target=bpf -mcpu=v3 -O2
__BPF_FEATURE_ADDR_SPACE_CAST __BPF_FEATURE_MAY_GOTO __BPF_FEATURE_ATOMIC_MEM_ORDERING
// EXPECT: 1 1 1
