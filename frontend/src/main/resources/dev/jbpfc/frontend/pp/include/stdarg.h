/* jbpfc's <stdarg.h> (C11 7.16): the compiler's builtins. glibc asks for __gnuc_va_list alone with
 * __need___va_list. */
#if !defined(__need___va_list) && !defined(__jbpfc_have_va_list)
#define __jbpfc_have_va_list 1
typedef __builtin_va_list va_list;
#if defined(__STDC_VERSION__) && __STDC_VERSION__ > 201710L
#define va_start(ap, ...) __builtin_va_start(ap, 0)
#else
#define va_start(ap, param) __builtin_va_start(ap, param)
#endif
#define va_end(ap) __builtin_va_end(ap)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define __va_copy(d, s) __builtin_va_copy(d, s)
#define va_copy(dest, src) __builtin_va_copy(dest, src)
#endif
#ifndef __GNUC_VA_LIST
#define __GNUC_VA_LIST 1
typedef __builtin_va_list __gnuc_va_list;
#endif
#undef __need___va_list
