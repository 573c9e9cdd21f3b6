// clang-22's predefined macros for -mcpu=v4 -O2 (and the ones that do not depend on options).
// FLAGS: --target=bpf -mcpu=v4 -O2
__BPF_CPU_VERSION__ __BPF_FEATURE_SDIV_SMOD __BPF_FEATURE_ALU32 __OPTIMIZE__ __bpf__ __BPF__ __clang_major__
__CHAR_BIT__ __SIZEOF_LONG__ __LITTLE_ENDIAN__ __STDC_VERSION__ __NO_INLINE__
// EXPECT: 4 1 1 1 1 1 22 8 8 1 201710L __NO_INLINE__
