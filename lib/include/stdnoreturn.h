/* jbpfc: <stdnoreturn.h> (C11 7.23). */
#ifndef __JBPFC_STDNORETURN_H
#define __JBPFC_STDNORETURN_H
#define noreturn _Noreturn
#endif
