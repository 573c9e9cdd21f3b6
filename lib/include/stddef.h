/* jbpfc: <stddef.h> (C11 7.19), spelled with the target's predefined type macros. */
#ifndef __JBPFC_STDDEF_H
#define __JBPFC_STDDEF_H
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __SIZE_TYPE__ size_t;
#ifndef __cplusplus
typedef __WCHAR_TYPE__ wchar_t;
#endif
/* The most-aligned scalar types; field names are reserved for the implementation. */
typedef struct {
  long long __jbpfc_max_align_ll __attribute__((__aligned__(__alignof__(long long))));
  long double __jbpfc_max_align_ld __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;
#undef NULL
#define NULL ((void*)0)
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
