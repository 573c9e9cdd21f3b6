n_a
#include_next <n.h>
