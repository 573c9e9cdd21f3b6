/* jbpfc's <stddef.h> (C11 7.19), written for the BPF target from the standard: the types come from the
 * predefined macros. Like every compiler's stddef.h it honours glibc's __need_* requests, which ask for one
 * definition only, so each definition has its own guard and the file has none. */
#if !defined(__need_ptrdiff_t) && !defined(__need_size_t) && !defined(__need_wchar_t) && \
    !defined(__need_NULL) && !defined(__need_wint_t) && !defined(__need_offsetof) && \
    !defined(__need_max_align_t) && !defined(__need_rsize_t)
#define __jbpfc_stddef_everything 1
#endif

#if (defined(__jbpfc_stddef_everything) || defined(__need_ptrdiff_t)) && !defined(__jbpfc_have_ptrdiff_t)
#define __jbpfc_have_ptrdiff_t 1
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif

#if (defined(__jbpfc_stddef_everything) || defined(__need_size_t)) && !defined(__jbpfc_have_size_t)
#define __jbpfc_have_size_t 1
typedef __SIZE_TYPE__ size_t;
#endif

#if (defined(__need_rsize_t) || (defined(__jbpfc_stddef_everything) && defined(__STDC_WANT_LIB_EXT1__) && \
    __STDC_WANT_LIB_EXT1__ >= 1)) && !defined(__jbpfc_have_rsize_t)
#define __jbpfc_have_rsize_t 1
typedef __SIZE_TYPE__ rsize_t;
#endif

#if (defined(__jbpfc_stddef_everything) || defined(__need_wchar_t)) && !defined(__jbpfc_have_wchar_t)
#define __jbpfc_have_wchar_t 1
typedef __WCHAR_TYPE__ wchar_t;
#endif

#if defined(__jbpfc_stddef_everything) || defined(__need_NULL)
#undef NULL
#define NULL ((void *)0)
#endif

#if (defined(__jbpfc_stddef_everything) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L || \
     defined(__need_max_align_t)) && !defined(__jbpfc_have_max_align_t)
#define __jbpfc_have_max_align_t 1
/* The type whose alignment is the largest a scalar needs (C11 7.19p2). */
typedef struct {
  long long __jbpfc_max_align_long_long __attribute__((__aligned__(__alignof__(long long))));
  long double __jbpfc_max_align_long_double __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;
#endif

#if defined(__jbpfc_stddef_everything) || defined(__need_offsetof)
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif

#if defined(__need_wint_t) && !defined(__jbpfc_have_wint_t)
#define __jbpfc_have_wint_t 1
typedef __WINT_TYPE__ wint_t;
#endif

#undef __jbpfc_stddef_everything
#undef __need_ptrdiff_t
#undef __need_size_t
#undef __need_rsize_t
#undef __need_wchar_t
#undef __need_NULL
#undef __need_wint_t
#undef __need_offsetof
#undef __need_max_align_t
