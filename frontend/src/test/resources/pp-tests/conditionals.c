// #if arithmetic in intmax_t/uintmax_t (C11 6.10.1): unsigned wins, short circuits hide division by zero,
// character constants are (signed) char values, unknown identifiers are 0.
#if -1 < 0u
wrong1
#else
unsigned_compare
#endif
#if -1 < 0 && (1 || 1 / 0 == 0) == 0
wrong2
#elif 1 || 1 / 0
short_circuit
#endif
#if '\377' < 0 && 'A' == 65 && '\n' == 10 && L'\xff' == 255 && 'ab' == 24930
chars
#endif
#if undefined_name == 0 && (2 ? 3 : 1 / 0) == 3 && 0x7fffffffffffffff + 0 > 0 && 18446744073709551615u == -1
ids_ternary
#endif
#if (1 << 62) >> 61 == 2 && -8 >> 1 == -4 && ~0u == 18446744073709551615u && 7 % 3 == 1 && 10 / -3 == -3
shifts
#endif
#define A
#ifdef A
# ifndef B
#  if defined(A) && !defined B && defined A
nested
#  elif 1
wrong3
#  endif
# endif
#elifdef A
wrong4
#else
wrong5
#endif
#if 0
#error not reached
don't stop at this apostrophe
#if 1
#else
#endif
#elifndef A
wrong6
#elifdef A
elifdef
#endif
// EXPECT: unsigned_compare short_circuit chars ids_ternary shifts nested elifdef
