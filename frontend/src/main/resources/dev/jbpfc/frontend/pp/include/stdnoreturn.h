/* jbpfc's <stdnoreturn.h> (C11 7.23). */
#ifndef __jbpfc_stdnoreturn_h
#define __jbpfc_stdnoreturn_h 1
#define noreturn _Noreturn
#endif
