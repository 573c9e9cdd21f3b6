// Errors in #if are reported and count as false; an unterminated #if is reported at its #if.
#if 1 / 0
a
#endif
#if
b
#endif
#if (1
c
#endif
#else
#if 1
d
// EXPECT: d
// DIAG: conditionals-errors.c:2:7: error: division by zero in preprocessor expression
// DIAG: error: expected value in expression
// DIAG: error: expected ')' in preprocessor expression
// DIAG: error: #else without #if
// DIAG: conditionals-errors.c:12:2: error: unterminated conditional directive
