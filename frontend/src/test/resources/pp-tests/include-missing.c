// A missing header is clang's fatal error and stops preprocessing.
before
#include <no/such/header.h>
after
// EXPECT: before
// DIAG: include-missing.c:3:10: fatal error: 'no/such/header.h' file not found
