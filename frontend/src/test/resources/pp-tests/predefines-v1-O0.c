// -mcpu=v1 has no ALU32/JMP32; -O0 defines __NO_INLINE__ instead of __OPTIMIZE__; -D and -U apply in order.
// FLAGS: -mcpu=v1 -O0 -DX=5 -DY -UX -DZ=a=b
__BPF_CPU_VERSION__ __BPF_FEATURE_ALU32 __BPF_FEATURE_JMP_EXT __OPTIMIZE__ __NO_INLINE__ X Y Z
// EXPECT: 1 __BPF_FEATURE_ALU32 __BPF_FEATURE_JMP_EXT __OPTIMIZE__ 1 X 1 a = b
