/* jbpfc: <inttypes.h> (C11 7.8): the C library's header where there is one, else just <stdint.h>. */
#if __STDC_HOSTED__ && __has_include_next(<inttypes.h>)
#include_next <inttypes.h>
#else
#include <stdint.h>
#endif
