/* jbpfc's <stdbool.h> (C11 7.18). In C23 bool, true and false are keywords and only the marker remains. */
#ifndef __jbpfc_stdbool_h
#define __jbpfc_stdbool_h
#define __bool_true_false_are_defined 1
#if !defined(__STDC_VERSION__) || __STDC_VERSION__ <= 201710L
#define bool _Bool
#define true 1
#define false 0
#endif
#endif
