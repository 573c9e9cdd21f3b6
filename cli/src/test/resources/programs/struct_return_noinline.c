// JBPFC-FLAGS: -DSRET_NOINLINE
// struct_return.c with jbpfc keeping the struct-returning functions out of line, so the hidden pointer to the
// caller's storage crosses real BPF calls. clang-22 refuses aggregate returns it cannot inline ("aggregate
// returns are not supported"), so its reference object keeps them inline: both must compute the same.
#include "struct_return.c"
