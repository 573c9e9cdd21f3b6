// clang's search order: the includer's directory, -iquote (quoted only), -I, -isystem, the compiler's own
// headers, -idirafter; #include_next continues after the directory the current file came from.
// FLAGS: -I%S/inc-a -I%S/inc-b -iquote %S/inc-quote -isystem %S/inc-sys -idirafter %S/inc-after
#include "q.h"
#include "iq.h"
#include <a.h>
#include <s.h>
#include <late.h>
#include <n.h>
#include "g.h"
#include "g.h"
#include "once.h"
#include "once.h"
#define HDR <m.h>
#include HDR
#include "sub/s.h"
// EXPECT: local_q quote_dir a_from_I sys_only after_only n_a n_b n_after 3 guarded once via_macro
// EXPECT: sub_local_q sub_includes
