// clang-22 defines __BPF_FEATURE_ADDR_SPACE_CAST (the compiler inserts addr_space_cast on arena accesses); jbpfc
// inserts no such casts, so it must not promise them: arena headers then use their explicit cast_kern path.
// FLAGS: --target=bpf -mcpu=v3 -O2
__BPF_FEATURE_ADDR_SPACE_CAST __BPF_FEATURE_MAY_GOTO __BPF_FEATURE_ATOMIC_MEM_ORDERING
// EXPECT: __BPF_FEATURE_ADDR_SPACE_CAST 1 1
