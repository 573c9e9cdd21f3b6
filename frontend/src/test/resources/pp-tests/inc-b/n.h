n_b
#include_next <n.h>
