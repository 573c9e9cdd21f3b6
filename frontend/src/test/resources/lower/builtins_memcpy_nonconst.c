// A variable size cannot be expanded into loads and stores.
void f(char *d, char *s, unsigned long n) { __builtin_memcpy(d, s, n); }
// expected-error: '__builtin_memcpy' with a non-constant size is not supported
