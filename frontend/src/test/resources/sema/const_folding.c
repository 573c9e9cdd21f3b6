// expected-no-diagnostics
// clang folds const variables with constant initializers (GNU), as bpf_cubic.c relies on.
static const int bic_scale = 41;
static const unsigned int cube_rtt_scale = (bic_scale * 10);
static const unsigned long long cube_factor = (unsigned long long)(1ull << 40) / (bic_scale * 10);
int use(void) { return cube_rtt_scale + (int)cube_factor; }
