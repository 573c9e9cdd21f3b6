/* jbpfc's <stdalign.h> (C11 7.15); C23 made these keywords. */
#ifndef __jbpfc_stdalign_h
#define __jbpfc_stdalign_h 1
#if !defined(__STDC_VERSION__) || __STDC_VERSION__ <= 201710L
#define alignas _Alignas
#define alignof _Alignof
#endif
#define __alignas_is_defined 1
#define __alignof_is_defined 1
#endif
